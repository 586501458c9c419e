import * as tf from '@tensorflow/tfjs';
import { createOptimizer, resolveOptimizerConfig } from './optimizers';

describe('optimizers', () => {
  it('fills Keras defaults', () => {
    expect(resolveOptimizerConfig('rmsprop')).toEqual({ name: 'rmsprop', learningRate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-7 });
    expect(resolveOptimizerConfig({ name: 'adam', learningRate: 0.01 })).toEqual({ name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it('creates tfjs optimizers carrying those values', () => {
    const r = createOptimizer('rmsprop') as tf.RMSPropOptimizer;
    expect(r.getConfig()).toMatchObject({ learningRate: 1e-3, decay: 0.9, momentum: 0, epsilon: 1e-7 });
    const a = createOptimizer('adam') as tf.AdamOptimizer;
    expect(a.getConfig()).toMatchObject({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it('takes one RMSprop step as Keras does', async () => {
    await tf.setBackend('cpu');
    const v = tf.variable(tf.tensor1d([1, -2]));
    const opt = createOptimizer('rmsprop');
    opt.minimize(() => tf.sum(tf.mul(v, tf.tensor1d([0.5, 3]))) as tf.Scalar, false, [v]);
    // ms = 0.1·g²; step = lr·g/√(ms+ε) ≈ lr/√0.1 · sign(g)
    const out = v.arraySync();
    expect(out[0]).toBeCloseTo(1 - 1e-3 / Math.sqrt(0.1), 5);
    expect(out[1]).toBeCloseTo(-2 - 1e-3 / Math.sqrt(0.1), 5);
  });

  it('rejects unknown names and bad values', () => {
    expect(() => createOptimizer({ name: 'adagrad' as never })).toThrow(/unknown optimizer 'adagrad'/);
    expect(() => createOptimizer({ name: 'adam', beta1: 2 })).toThrow(/beta1 must be in \[0, 1\]/);
  });
});
