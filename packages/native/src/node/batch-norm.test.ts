import * as tf from '@tensorflow/tfjs';
import { planNativeModel } from '../plan';
import { describeNative, layerParity, runLayer } from '../testing/layer-run';

// BatchNormalization against tfjs-layers on the cpu backend: training mode (batch statistics,
// gradient through them, gamma/beta gradients, moving mean/variance after one update) and
// inference mode (moving statistics). Forward ≤ 1e-4, gradients and state ≤ 1e-3.
beforeAll(async () => {
  await tf.setBackend('cpu');
});

type BnArgs = NonNullable<Parameters<typeof tf.layers.batchNormalization>[0]>;
const bn =
  (args: BnArgs = {}) =>
  () =>
    tf.layers.batchNormalization(args);

type Without = ('gamma' | 'beta')[];
const cases: { name: string; make: () => tf.layers.Layer; input: number[]; batch: number; training?: boolean; wantDx?: boolean; without?: Without }[] = [
  { name: 'NHWC 5×5×3, batch 4, Keras defaults', make: bn(), input: [5, 5, 3], batch: 4 },
  { name: 'features [7], batch 6', make: bn(), input: [7], batch: 6 },
  { name: 'momentum 0.9, epsilon 0.01', make: bn({ momentum: 0.9, epsilon: 0.01 }), input: [3, 4, 5], batch: 3 },
  { name: 'no beta (center: false)', make: bn(), input: [4, 4, 2], batch: 2, without: ['beta'] },
  { name: 'no gamma (scale: false)', make: bn(), input: [4, 4, 2], batch: 2, without: ['gamma'] },
  { name: 'no gamma, no beta, first layer (no dx)', make: bn(), input: [6], batch: 5, wantDx: false, without: ['gamma', 'beta'] },
  { name: 'no gamma, no beta at inference', make: bn({ center: false, scale: false }), input: [6], batch: 5, training: false },
  { name: '128 channels', make: bn(), input: [3, 3, 128], batch: 2 },
  { name: 'batch 1 (per-pixel statistics)', make: bn(), input: [4, 3, 2], batch: 1 },
  { name: 'inference: moving statistics', make: bn(), input: [5, 5, 3], batch: 3, training: false },
];

describeNative('native BatchNormalization parity with tfjs cpu', () => {
  it.each(cases)('$name', ({ make, input, batch, training, wantDx, without }) => {
    const r = layerParity(make, input, { batch, training, wantDx, without });
    expect(r.forward).toBeLessThanOrEqual(1e-4);
    if (training !== false && wantDx !== false) expect(r.dx).toBeLessThanOrEqual(1e-3);
    expect(r.grads.map((g) => g.name)).toEqual(training === false ? [] : ['gamma', 'beta'].filter((n) => !without?.includes(n as 'gamma')));
    for (const g of [...r.grads, ...r.state]) expect({ name: g.name, error: g.error, ok: g.error <= 1e-3 }).toMatchObject({ name: g.name, ok: true });
    expect(r.state.map((s) => s.name)).toEqual(['moving_mean', 'moving_variance']);
  });

  it('moving statistics follow Keras: moving − (moving − batch)·(1 − momentum), biased variance', () => {
    // One channel, values 0, 3, 6, 9: batch mean 4.5, biased variance 11.25.
    const r = runLayer({
      layer: { kind: 'batchNormalization', momentum: 0.9, epsilon: 1e-3, center: true, scale: true },
      input: [1],
      n: 4,
      x: Float32Array.from([0, 3, 6, 9]),
      weights: [Float32Array.of(1), Float32Array.of(0), Float32Array.of(1), Float32Array.of(2)],
    });
    expect(r.weights[2][0]).toBeCloseTo(1 - (1 - 4.5) * 0.1, 6);
    expect(r.weights[3][0]).toBeCloseTo(2 - (2 - 11.25) * 0.1, 5);
    expect(r.y[0]).toBeCloseTo(-4.5 / Math.sqrt(11.25 + 1e-3), 5);
  });

  it('leaves a frozen layer to tfjs, with the reason', () => {
    const bn = tf.layers.batchNormalization({ name: 'frozen_bn' });
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3 }), bn, tf.layers.dense({ units: 2, activation: 'softmax' })] });
    bn.trainable = false;
    expect(planNativeModel(model, ['dense', 'batchNormalization'])).toBe("layer 'frozen_bn' is frozen");
    model.dispose();
  });
});
