/**
 * The model zoo: the four course models by id, each a spec (`ZOO_SPECS`) with the course's
 * training settings and reported result. `buildZooModel(id, args)` builds the spec with the
 * knobs applied (`applyZooArgs`) through `buildModel`. A string id resolves through `getZooEntry`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { LossName, OptimizerName } from '@nnlab/core';
import { UnknownModelError } from './errors';
import { buildModel } from './spec/build';
import type { ModelSpec } from './spec/types';
import { applyZooArgs, type ZooArgs } from './zoo/zoo-args';
import { ZOO_SPECS } from './zoo/zoo-specs';

export { COURSE_HOG_LENGTH } from './zoo/zoo-specs';
export type { ZooArgs } from './zoo/zoo-args';

/** Ids of the zoo's models. */
export type ModelId = 'mlp-raw' | 'mlp-hog' | 'cnn-mnist' | 'cnn-pneumonia';

/** What a model reads. */
export type ModelInput = 'mnist-pixels' | 'mnist-hog' | 'mnist-image' | 'xray-image';

/** The course's training settings for a model (the spec's training block, flattened, and the course's figures). */
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
  /** The course's architecture and training settings. */
  spec: ModelSpec;
  course: CourseSettings;
  /** The spec with knobs applied (`applyZooArgs`). */
  specFor(args?: ZooArgs): ModelSpec;
  /** Builds the spec with knobs applied, seeded by `args.seed`. */
  build(args?: ZooArgs): tf.Sequential;
}

function entry(
  id: ModelId,
  fields: Omit<ZooEntry, 'id' | 'spec' | 'course' | 'specFor' | 'build'> & { reportedAccuracy: number; reportedF1?: number },
): ZooEntry {
  const spec = ZOO_SPECS[id] as ModelSpec;
  const t = spec.training!;
  const { reportedAccuracy, reportedF1, ...rest } = fields;
  const course: CourseSettings = {
    optimizer: t.optimizer!.name,
    loss: t.loss!,
    epochs: t.epochs!,
    batchSize: t.batchSize!,
    validationSplit: t.validationSplit!,
    classWeights: t.classWeights === true,
    reportedAccuracy,
    ...(reportedF1 !== undefined ? { reportedF1 } : {}),
  };
  const specFor = (args: ZooArgs = {}) => applyZooArgs(spec, args);
  return { id, ...rest, spec, course, specFor, build: (args: ZooArgs = {}) => buildModel(specFor(args), { seed: args.seed }) };
}

const ENTRIES: readonly ZooEntry[] = [
  entry('mlp-raw', {
    title: 'MLP on raw MNIST pixels',
    description: '784 → Dense(10, relu) → Dense(10, softmax)',
    task: 'multiclass',
    input: 'mnist-pixels',
    defaultParams: 7960,
    reportedAccuracy: 0.943,
  }),
  entry('mlp-hog', {
    title: 'MLP on HOG features of MNIST',
    description: 'HOG (8 orientations, 4×4 cells, 1×1 blocks, L2-Hys) 392 → Dense(10, relu) → Dense(10, softmax)',
    task: 'multiclass',
    input: 'mnist-hog',
    defaultParams: 4040,
    reportedAccuracy: 0.973,
  }),
  entry('cnn-mnist', {
    title: 'CNN on MNIST',
    description: '3 × [Conv2D(10, 2×2, same, relu) + MaxPool 2×2] → Flatten(90) → Dense(10, relu) → Dense(10, softmax)',
    task: 'multiclass',
    input: 'mnist-image',
    defaultParams: 1890,
    reportedAccuracy: 0.983,
  }),
  entry('cnn-pneumonia', {
    title: 'CNN on chest X-rays (pneumonia)',
    description: '128×128×1, 5 × [Conv2D(8/16/32/64/128, 3×3, same, relu) + MaxPool 2×2] → Flatten(2048) → Dense(32) → Dense(16) → Dense(1, sigmoid)',
    task: 'binary',
    input: 'xray-image',
    defaultParams: 164353,
    reportedAccuracy: 0.78,
    reportedF1: 0.85,
  }),
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
