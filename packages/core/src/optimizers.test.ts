import * as tf from '@tensorflow/tfjs';
import { createOptimizer, resolveOptimizerConfig } from './optimizers';

describe('optimizers', () => {
  it('fills Keras defaults', () => {
    expect(resolveOptimizerConfig('rmsprop')).toEqual({ name: 'rmsprop', learningRate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
    expect(resolveOptimizerConfig('sgd')).toEqual({ name: 'sgd', learningRate: 1e-2, momentum: 0, nesterov: false });
    expect(resolveOptimizerConfig({ name: 'adam', learningRate: 0.01 })).toEqual({ name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it('creates tfjs optimizers carrying those values', () => {
    const r = createOptimizer('rmsprop');
    expect(r.getConfig()).toEqual({ learningRate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
    const a = createOptimizer('adam');
    expect(a.getConfig()).toEqual({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it('takes RMSprop steps as Keras does: θ ← θ − η·g/√(v + ε)', async () => {
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
        expected[k] -= (1e-3 * g[k]) / Math.sqrt(ms[k] + 1e-7);
      }
    }
    const out = v.arraySync();
    expect(out[0]).toBeCloseTo(expected[0], 6);
    expect(out[1]).toBeCloseTo(expected[1], 6);
    // PyTorch's rule (√v + ε) would have moved the second parameter ~10× more (about 0.005).
    expect(Math.abs(out[1] + 2)).toBeLessThan(0.001);
  });

  it('supports centered RMSprop as Keras (denominator √(v − ḡ² + ε))', async () => {
    await tf.setBackend('cpu');
    const g = [0.5, -0.25];
    const v = tf.variable(tf.tensor1d([1, -2]));
    const opt = createOptimizer({ name: 'rmsprop', centered: true, momentum: 0.5, rho: 0.8 });
    const expected = [1, -2];
    const ms = [0, 0];
    const mg = [0, 0];
    const mom = [0, 0];
    for (let step = 0; step < 3; step++) {
      opt.minimize(() => tf.sum(tf.mul(v, tf.tensor1d(g))) as tf.Scalar, false, [v]);
      for (let k = 0; k < 2; k++) {
        ms[k] = 0.8 * ms[k] + 0.2 * g[k] * g[k];
        mg[k] = 0.8 * mg[k] + 0.2 * g[k];
        mom[k] = 0.5 * mom[k] + (1e-3 * g[k]) / Math.sqrt(ms[k] - mg[k] * mg[k] + 1e-7);
        expected[k] -= mom[k];
      }
    }
    const out = v.arraySync();
    expect(out[0]).toBeCloseTo(expected[0], 6);
    expect(out[1]).toBeCloseTo(expected[1], 6);
    expect(opt.getConfig()).toMatchObject({ centered: true, momentum: 0.5, rho: 0.8 });
  });

  it('hands trainers a host update rule only for the plain rule (momentum or centering fall back to tfjs)', () => {
    const rule = (o: Parameters<typeof createOptimizer>[0]) => (createOptimizer(o) as unknown as { hostUpdateRule(): unknown }).hostUpdateRule();
    expect(rule('rmsprop')).not.toBeNull();
    expect(rule({ name: 'rmsprop', momentum: 0.9 })).toBeNull();
    expect(rule({ name: 'rmsprop', centered: true })).toBeNull();
    expect(rule({ name: 'adam', beta1: 0.8 })).not.toBeNull();
    expect('hostUpdateRule' in createOptimizer({ name: 'sgd', momentum: 0.9, nesterov: true })).toBe(false);
  });

  it.each([false, true])('takes SGD momentum steps as Keras (nesterov %s)', async (nesterov) => {
    await tf.setBackend('cpu');
    // Keras: m ← μ·m − η·g; θ ← θ + m (Nesterov: θ ← θ + μ·m − η·g).
    const g = 0.5;
    const v = tf.variable(tf.tensor1d([1]));
    const opt = createOptimizer({ name: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov });
    let m = 0;
    let expected = 1;
    for (let step = 0; step < 4; step++) {
      opt.minimize(() => tf.sum(tf.mul(v, tf.tensor1d([g]))) as tf.Scalar, false, [v]);
      m = 0.9 * m - 0.1 * g;
      expected += nesterov ? 0.9 * m - 0.1 * g : m;
    }
    expect(v.arraySync()[0]).toBeCloseTo(expected, 6);
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
      m = 0.5 * m + (1e-3 * 2) / Math.sqrt(ms + 1e-7);
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
    // A setting of another optimizer is refused, not ignored.
    expect(() => createOptimizer({ name: 'adam', rho: 0.5 })).toThrow(/optimizer adam: rho is not one of its settings/);
    expect(() => createOptimizer({ name: 'rmsprop', nesterov: true })).toThrow(/nesterov is not one of its settings/);
  });
});
