import * as tf from '@tensorflow/tfjs';
import { createOptimizer, resolveOptimizerConfig } from './optimizers';

describe('optimizers', () => {
  it('fills Keras defaults', () => {
    expect(resolveOptimizerConfig('rmsprop')).toEqual({ name: 'rmsprop', learningRate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-7 });
    expect(resolveOptimizerConfig({ name: 'adam', learningRate: 0.01 })).toEqual({ name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it('creates tfjs optimizers carrying those values', () => {
    const r = createOptimizer('rmsprop');
    expect(r.getConfig()).toEqual({ learningRate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-7 });
    const a = createOptimizer('adam');
    expect(a.getConfig()).toEqual({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it('takes RMSprop steps as Keras does: θ ← θ − η·g/(√v + ε)', async () => {
    await tf.setBackend('cpu');
    // Gradients 0.5 and 1e-4: the second is small enough that ε placement matters.
    const g = [0.5, 1e-4];
    const v = tf.variable(tf.tensor1d([1, -2]));
    const opt = createOptimizer('rmsprop');
    const expected = [1, -2];
    const ms = [0, 0];
    for (let step = 0; step < 3; step++) {
      opt.minimize(() => tf.sum(tf.mul(v, tf.tensor1d(g))) as tf.Scalar, false, [v]);
      for (let k = 0; k < 2; k++) {
        ms[k] = 0.9 * ms[k] + 0.1 * g[k] * g[k];
        expected[k] -= (1e-3 * g[k]) / (Math.sqrt(ms[k]) + 1e-7);
      }
    }
    const out = v.arraySync();
    expect(out[0]).toBeCloseTo(expected[0], 6);
    expect(out[1]).toBeCloseTo(expected[1], 6);
    // tfjs's own rule (√(v + ε)) would have moved the second parameter ~4× less.
    expect(Math.abs(out[1] + 2)).toBeGreaterThan(0.005);
  });

  it('supports momentum as Keras (m ← μ·m + η·g/(√v + ε); θ ← θ − m)', async () => {
    await tf.setBackend('cpu');
    const v = tf.variable(tf.tensor1d([0]));
    const opt = createOptimizer({ name: 'rmsprop', momentum: 0.5 });
    let m = 0;
    let ms = 0;
    let expected = 0;
    for (let step = 0; step < 3; step++) {
      opt.minimize(() => tf.sum(tf.mul(v, tf.tensor1d([2]))) as tf.Scalar, false, [v]);
      ms = 0.9 * ms + 0.1 * 4;
      m = 0.5 * m + (1e-3 * 2) / (Math.sqrt(ms) + 1e-7);
      expected -= m;
    }
    expect(v.arraySync()[0]).toBeCloseTo(expected, 7);
  });

  it('takes Adam steps as Keras does: θ ← θ − η·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε)', async () => {
    await tf.setBackend('cpu');
    const g = [0.5, -1e-4];
    const v = tf.variable(tf.tensor1d([1, -2]));
    const opt = createOptimizer('adam');
    const expected = [1, -2];
    const m = [0, 0];
    const s = [0, 0];
    for (let t = 1; t <= 4; t++) {
      opt.minimize(() => tf.sum(tf.mul(v, tf.tensor1d(g))) as tf.Scalar, false, [v]);
      const alpha = (1e-3 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
      for (let k = 0; k < 2; k++) {
        m[k] = 0.9 * m[k] + 0.1 * g[k];
        s[k] = 0.999 * s[k] + 0.001 * g[k] * g[k];
        expected[k] -= (alpha * m[k]) / (Math.sqrt(s[k]) + 1e-7);
      }
    }
    const out = v.arraySync();
    expect(out[0]).toBeCloseTo(expected[0], 6);
    expect(out[1]).toBeCloseTo(expected[1], 6);
  });

  it('rejects unknown names and bad values', () => {
    expect(() => createOptimizer({ name: 'adagrad' as never })).toThrow(/unknown optimizer 'adagrad'/);
    expect(() => createOptimizer({ name: 'adam', beta1: 2 })).toThrow(/beta1 must be in \[0, 1\]/);
  });
});
