/**
 * Multilayer perceptron: input → Dense(hidden, activation) … → Dense(classes, softmax).
 * With 784 inputs, one hidden layer of 10 relu units and 10 classes it is the course's `mlp-raw`
 * (7,960 parameters); with 392 HOG inputs, `mlp-hog` (4,040).
 */
import * as tf from '@tensorflow/tfjs';
import { ModelArgsError } from '../errors';
import { layerSeeds, positiveInt } from './initializers';

/** Activations accepted for hidden layers. */
export type HiddenActivation = 'relu' | 'sigmoid' | 'tanh' | 'elu' | 'selu' | 'linear';
export const HIDDEN_ACTIVATIONS: readonly HiddenActivation[] = ['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'linear'];

/** Arguments of `buildMlp` (Keras-like). */
export interface MlpOptions {
  /** Input features. */
  inputSize: number;
  /** Units of each hidden layer. Default `[10]`. */
  hidden?: number[];
  /** Hidden-layer activation. Default 'relu'. */
  activation?: HiddenActivation;
  /** Output classes (softmax). Default 10. */
  numClasses?: number;
  /** Seed of the weight initialisers. */
  seed?: number;
}

export const DEFAULT_MLP_HIDDEN = [10];

/** Builds the MLP as a tfjs Sequential model with Keras-style layer names. */
export function buildMlp(options: MlpOptions): tf.Sequential {
  const inputSize = positiveInt('inputSize', options.inputSize);
  const hidden = options.hidden ?? DEFAULT_MLP_HIDDEN;
  const activation = options.activation ?? 'relu';
  if (!HIDDEN_ACTIVATIONS.includes(activation)) {
    throw new ModelArgsError(`unknown activation '${activation}': expected one of ${HIDDEN_ACTIVATIONS.join(', ')}`);
  }
  const numClasses = positiveInt('numClasses', options.numClasses ?? 10);
  const seeds = layerSeeds(options.seed);
  const model = tf.sequential({ name: 'sequential' });
  hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        name: i === 0 ? 'dense' : `dense_${i}`,
        units: positiveInt('hidden units', units),
        activation,
        kernelInitializer: seeds.kernel(),
        biasInitializer: 'zeros',
        ...(i === 0 ? { inputShape: [inputSize] } : {}),
      }),
    );
  });
  model.add(
    tf.layers.dense({
      name: hidden.length === 0 ? 'dense' : `dense_${hidden.length}`,
      units: numClasses,
      activation: 'softmax',
      kernelInitializer: seeds.kernel(),
      biasInitializer: 'zeros',
      ...(hidden.length === 0 ? { inputShape: [inputSize] } : {}),
    }),
  );
  return model;
}
