import * as tf from '@tensorflow/tfjs';
import { planNativeModel } from '../plan';
import { describeNative, runLayer } from '../testing/layer-run';

// Dropout: Keras' inverted scaling with a seeded mask. The mask stream is nnlab's own (not
// tfjs'), so these tests check the rule, not tfjs' values: kept values scaled by 1 / (1 − rate),
// a kept fraction within 5 standard deviations of 1 − rate, the same mask in backward, the same
// mask for the same seed, and the identity at inference.
const rate = 0.3;
const count = 20000;
const x = Float32Array.from({ length: count }, (_, i) => 1 + (i % 7));
const dy = Float32Array.from({ length: count }, (_, i) => 0.5 - (i % 5));
const layer = { kind: 'dropout' as const, rate };

describeNative('native Dropout', () => {
  it('keeps ≈ 1 − rate of the values, scaled by 1 / (1 − rate); backward uses the same mask', () => {
    const r = runLayer({ layer, input: [100], n: count / 100, x, dy, seed: 11 });
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const m = r.y[i] / x[i];
      if (m !== 0) {
        kept++;
        expect(m).toBeCloseTo(1 / (1 - rate), 5);
      }
      expect(r.dx![i]).toBeCloseTo(dy[i] * m, 5);
    }
    const sd = Math.sqrt(count * rate * (1 - rate));
    expect(Math.abs(kept - count * (1 - rate))).toBeLessThan(5 * sd);
  });

  it('repeats its mask from the same seed and changes it with another', () => {
    const a = runLayer({ layer, input: [100], n: count / 100, x, seed: 5 }).y;
    const b = runLayer({ layer, input: [100], n: count / 100, x, seed: 5 }).y;
    const c = runLayer({ layer, input: [100], n: count / 100, x, seed: 6 }).y;
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('is the identity at inference and with rate 0', () => {
    const infer = runLayer({ layer, input: [100], n: count / 100, x, dy, training: false });
    expect(Array.from(infer.y)).toEqual(Array.from(x));
    expect(Array.from(infer.dx!)).toEqual(Array.from(dy));
    const zero = runLayer({ layer: { kind: 'dropout', rate: 0 }, input: [100], n: count / 100, x });
    expect(Array.from(zero.y)).toEqual(Array.from(x));
  });

  it('rejects a rate outside [0, 1) in one line', () => {
    expect(() => runLayer({ layer: { kind: 'dropout', rate: 1 }, input: [4], n: 1, x: new Float32Array(4) })).toThrow(
      /^Dropout rate must be in \[0, 1\), got 1/,
    );
  });

  it('leaves a dropout with a noiseShape to tfjs, with the reason', () => {
    const model = tf.sequential({ layers: [tf.layers.dropout({ inputShape: [6], rate: 0.5, noiseShape: [1, 6], name: 'shaped' })] });
    expect(planNativeModel(model, ['dropout'])).toBe("layer 'shaped' has a noiseShape (the native dropout masks every value)");
    model.dispose();
  });
});
