/** Small fixed models for the tests: seeded weights, the zoo's layer kinds and names. */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@nnlab/core';

/**
 * A cnn-mnist-like CNN (two conv blocks) on `side × side × 1`, `outputs` classes (1 = sigmoid).
 * `activation` 'tanh' makes the score smooth in every activation (no ReLU kinks or max-pool ties
 * among zeros), which finite differences need.
 */
export function tinyCnn(side = 8, outputs = 3, seed = 7, activation: 'relu' | 'tanh' = 'relu'): tf.Sequential {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      name: 'conv2d',
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation,
      inputShape: [side, side, 1],
      kernelInitializer: init(1),
      biasInitializer: tf.initializers.constant({ value: 0.05 }),
    }),
  );
  model.add(tf.layers.maxPooling2d({ name: 'max_pooling2d', poolSize: 2, strides: 2 }));
  model.add(
    tf.layers.conv2d({
      name: 'conv2d_1',
      filters: 5,
      kernelSize: 2,
      padding: 'same',
      activation,
      kernelInitializer: init(2),
      biasInitializer: tf.initializers.constant({ value: 0.05 }),
    }),
  );
  model.add(tf.layers.maxPooling2d({ name: 'max_pooling2d_1', poolSize: 2, strides: 2 }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ name: 'dense', units: 6, activation, kernelInitializer: init(3), biasInitializer: tf.initializers.constant({ value: 0.05 }) }));
  model.add(tf.layers.dense({ name: 'dense_1', units: outputs, activation: outputs === 1 ? 'sigmoid' : 'softmax', kernelInitializer: init(4) }));
  return model;
}

/** A softmax-regression model x → softmax(xW + b) with the given weights (inputs × classes). */
export function linearModel(w: number[][], b: number[]): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: b.length, activation: 'softmax', inputShape: [w.length] }));
  model.setWeights([tf.tensor2d(w), tf.tensor1d(b)]);
  return model;
}

/** A seeded input in [0, 1) (core's generator, the one that shuffles training data). */
export function seededInput(n: number, seed = 3): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.next());
}
