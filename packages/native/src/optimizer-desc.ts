/**
 * The optimizer as the addon takes it (src/cc/optimizer.h), read from the tfjs optimizer object
 * `fit` uses: nnlab's KerasRMSprop / KerasAdam, tfjs' SGD and momentum optimizers.
 */
import type * as tf from '@tensorflow/tfjs';

export interface NativeOptimizerDesc {
  kind: 'rmsprop' | 'adam' | 'sgd';
  learningRate: number;
  rho?: number;
  momentum?: number;
  epsilon?: number;
  beta1?: number;
  beta2?: number;
  nesterov?: boolean;
  centered?: boolean;
  /** Steps the optimizer already took (Adam's bias correction continues). */
  iterations: number;
}

/** The addon's description of `optimizer`, or why the native engine does not run it. */
export function describeOptimizer(optimizer: tf.Optimizer): NativeOptimizerDesc | string {
  const c = optimizer.getConfig() as Record<string, number | boolean | undefined>;
  const iterations = (optimizer as unknown as { iterations?: number }).iterations ?? 0;
  const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d);
  switch (optimizer.getClassName()) {
    case 'KerasRMSprop':
      return {
        kind: 'rmsprop',
        learningRate: num(c.learningRate, 1e-3),
        rho: num(c.rho, 0.9),
        momentum: num(c.momentum, 0),
        epsilon: num(c.epsilon, 1e-7),
        centered: c.centered === true,
        iterations,
      };
    case 'KerasAdam':
      return {
        kind: 'adam',
        learningRate: num(c.learningRate, 1e-3),
        beta1: num(c.beta1, 0.9),
        beta2: num(c.beta2, 0.999),
        epsilon: num(c.epsilon, 1e-7),
        iterations,
      };
    case 'SGD':
    case 'SGDOptimizer':
      return { kind: 'sgd', learningRate: num(c.learningRate, 0.01), iterations };
    case 'Momentum':
    case 'MomentumOptimizer':
      return { kind: 'sgd', learningRate: num(c.learningRate, 0.01), momentum: num(c.momentum, 0), nesterov: c.useNesterov === true, iterations };
    default:
      return `the optimizer ${optimizer.getClassName()} has no native implementation (KerasRMSprop, KerasAdam, SGD, momentum)`;
  }
}
