/**
 * The model zoo: the four course models by id, each with its builder, the course's training
 * settings and the course's reported result. A string id resolves through `getZooEntry`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { LossName, OptimizerName } from '@nnlab/core';
import { UnknownModelError } from './errors';
import { buildCnn } from './zoo/cnn';
import { buildMlp, type HiddenActivation } from './zoo/mlp';

/** Ids of the zoo's models. */
export type ModelId = 'mlp-raw' | 'mlp-hog' | 'cnn-mnist' | 'cnn-pneumonia';

/** What a model reads. */
export type ModelInput = 'mnist-pixels' | 'mnist-hog' | 'mnist-image' | 'xray-image';

/** Arguments a zoo builder accepts (each optional: the course's value is the default). */
export interface ZooArgs {
  /** Seed of the weight initialisers. */
  seed?: number;
  /** Hidden dense units (MLPs: per hidden layer; CNNs: dense layers after Flatten). */
  hidden?: number[];
  /** Hidden activation (MLPs). */
  activation?: HiddenActivation;
  /** Input features (mlp-hog: the HOG length for the chosen HOG parameters). */
  inputSize?: number;
  /** Square input side in pixels (CNNs). */
  imageSize?: number;
}

/** The course's training settings for a model. */
export interface CourseSettings {
  optimizer: OptimizerName;
  loss: LossName;
  epochs: number;
  batchSize: number;
  /** Keras validation_split (0 when a separate validation set exists). */
  validationSplit: number;
  /** Class weights total/(2·count) (the pneumonia CNN). */
  classWeights: boolean;
  /** Test accuracy the course reported. */
  reportedAccuracy: number;
  /** Test F1 the course reported (binary models). */
  reportedF1?: number;
}

/** One zoo model. */
export interface ZooEntry {
  id: ModelId;
  title: string;
  description: string;
  task: 'multiclass' | 'binary';
  input: ModelInput;
  /** Parameter count with the default arguments. */
  defaultParams: number;
  course: CourseSettings;
  build(args?: ZooArgs): tf.Sequential;
}

const MNIST_PIXELS = 28 * 28;
/** HOG length for 28×28 images, 8 orientations, 4×4-pixel cells, 1×1 blocks. */
export const COURSE_HOG_LENGTH = 7 * 7 * 8;

const ENTRIES: readonly ZooEntry[] = [
  {
    id: 'mlp-raw',
    title: 'MLP on raw MNIST pixels',
    description: '784 → Dense(10, relu) → Dense(10, softmax)',
    task: 'multiclass',
    input: 'mnist-pixels',
    defaultParams: 7960,
    course: { optimizer: 'rmsprop', loss: 'categoricalCrossentropy', epochs: 3, batchSize: 128, validationSplit: 0.1, classWeights: false, reportedAccuracy: 0.943 },
    build: (a = {}) => buildMlp({ inputSize: a.inputSize ?? MNIST_PIXELS, hidden: a.hidden, activation: a.activation, numClasses: 10, seed: a.seed }),
  },
  {
    id: 'mlp-hog',
    title: 'MLP on HOG features of MNIST',
    description: 'HOG (8 orientations, 4×4 cells, 1×1 blocks, L2-Hys) 392 → Dense(10, relu) → Dense(10, softmax)',
    task: 'multiclass',
    input: 'mnist-hog',
    defaultParams: 4040,
    course: { optimizer: 'rmsprop', loss: 'categoricalCrossentropy', epochs: 3, batchSize: 128, validationSplit: 0.1, classWeights: false, reportedAccuracy: 0.973 },
    build: (a = {}) => buildMlp({ inputSize: a.inputSize ?? COURSE_HOG_LENGTH, hidden: a.hidden, activation: a.activation, numClasses: 10, seed: a.seed }),
  },
  {
    id: 'cnn-mnist',
    title: 'CNN on MNIST',
    description: '3 × [Conv2D(10, 2×2, same, relu) + MaxPool 2×2] → Flatten(90) → Dense(10, relu) → Dense(10, softmax)',
    task: 'multiclass',
    input: 'mnist-image',
    defaultParams: 1890,
    course: { optimizer: 'rmsprop', loss: 'categoricalCrossentropy', epochs: 3, batchSize: 128, validationSplit: 0.1, classWeights: false, reportedAccuracy: 0.983 },
    build: (a = {}) => {
      const side = a.imageSize ?? 28;
      return buildCnn({ inputShape: [side, side, 1], filters: [10, 10, 10], kernelSize: 2, dense: a.hidden ?? [10], outputs: 10, seed: a.seed });
    },
  },
  {
    id: 'cnn-pneumonia',
    title: 'CNN on chest X-rays (pneumonia)',
    description: '128×128×1, 5 × [Conv2D(8/16/32/64/128, 3×3, same, relu) + MaxPool 2×2] → Flatten(2048) → Dense(32) → Dense(16) → Dense(1, sigmoid)',
    task: 'binary',
    input: 'xray-image',
    defaultParams: 164353,
    course: { optimizer: 'adam', loss: 'binaryCrossentropy', epochs: 5, batchSize: 64, validationSplit: 0, classWeights: true, reportedAccuracy: 0.78, reportedF1: 0.85 },
    build: (a = {}) => {
      const side = a.imageSize ?? 128;
      return buildCnn({ inputShape: [side, side, 1], filters: [8, 16, 32, 64, 128], kernelSize: 3, dense: a.hidden ?? [32, 16], outputs: 1, seed: a.seed });
    },
  },
];

/** Ids of every zoo model, in course order. */
export const MODEL_IDS: readonly ModelId[] = ENTRIES.map((e) => e.id);

/** Every zoo entry, in course order. */
export function listZoo(): readonly ZooEntry[] {
  return ENTRIES;
}

/** Resolves a model id; throws `UnknownModelError` listing the zoo. */
export function getZooEntry(id: string): ZooEntry {
  const entry = ENTRIES.find((e) => e.id === id);
  if (!entry) throw new UnknownModelError(id, MODEL_IDS);
  return entry;
}

/** Builds a zoo model by id. */
export function buildZooModel(id: string, args: ZooArgs = {}): tf.Sequential {
  return getZooEntry(id).build(args);
}
