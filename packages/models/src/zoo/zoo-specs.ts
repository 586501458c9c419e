/**
 * The four course models as specs, with the course's training settings in each spec's
 * `training` block (RMSprop/Adam with Keras' defaults, the loss, epochs, batch size, validation).
 */
import { resolveOptimizerConfig } from '@nnlab/core';
import type { LayerSpec, ModelSpec, TrainingSpec } from '../spec/types';
import { SPEC_FORMAT, SPEC_VERSION } from '../spec/types';

/** HOG length for 28×28 images, 8 orientations, 4×4-pixel cells, 1×1 blocks. */
export const COURSE_HOG_LENGTH = 7 * 7 * 8;

const MNIST_TRAINING: TrainingSpec = {
  optimizer: resolveOptimizerConfig('rmsprop'),
  loss: 'categoricalCrossentropy',
  epochs: 3,
  batchSize: 128,
  validationSplit: 0.1,
  classWeights: false,
};

const PNEUMONIA_TRAINING: TrainingSpec = {
  optimizer: resolveOptimizerConfig('adam'),
  loss: 'binaryCrossentropy',
  epochs: 5,
  batchSize: 64,
  validationSplit: 0,
  classWeights: true,
};

const dense = (units: number, activation: 'relu' | 'softmax' | 'sigmoid'): LayerSpec => ({ type: 'dense', units, activation, useBias: true });

function convBlocks(filters: number[], k: number): LayerSpec[] {
  return filters.flatMap((f): LayerSpec[] => [
    { type: 'conv2d', filters: f, kernel: [k, k], strides: [1, 1], padding: 'same', activation: 'relu', useBias: true },
    { type: 'maxpool2d', pool: [2, 2], strides: [2, 2], padding: 'valid' },
  ]);
}

const spec = (name: string, input: number[], layers: LayerSpec[], training: TrainingSpec): ModelSpec => ({
  format: SPEC_FORMAT,
  version: SPEC_VERSION,
  name,
  input,
  layers,
  training,
});

/** The course's specs by zoo id (canonical form: every default written out). */
export const ZOO_SPECS = {
  'mlp-raw': spec('mlp-raw', [784], [dense(10, 'relu'), dense(10, 'softmax')], MNIST_TRAINING),
  'mlp-hog': spec('mlp-hog', [COURSE_HOG_LENGTH], [dense(10, 'relu'), dense(10, 'softmax')], MNIST_TRAINING),
  'cnn-mnist': spec('cnn-mnist', [28, 28, 1], [...convBlocks([10, 10, 10], 2), { type: 'flatten' }, dense(10, 'relu'), dense(10, 'softmax')], MNIST_TRAINING),
  'cnn-pneumonia': spec(
    'cnn-pneumonia',
    [128, 128, 1],
    [...convBlocks([8, 16, 32, 64, 128], 3), { type: 'flatten' }, dense(32, 'relu'), dense(16, 'relu'), dense(1, 'sigmoid')],
    PNEUMONIA_TRAINING,
  ),
} as const satisfies Record<string, ModelSpec>;
