/**
 * Loads and prepares the data a zoo model trains on, by its input kind: raw MNIST pixels,
 * HOG features of MNIST, MNIST images, or chest X-rays. Records which files were read (with their
 * checksums) and each split's class balance.
 */
import type { Dataset } from '@nnlab/core';
import type { HogOptions } from '@nnlab/features-hog';
import { loadMnist } from '@nnlab/datasets/node';
import { mnistPixelDataset, pixelLayoutFor, type RunDataFile, type ZooEntry } from '@nnlab/models';
import { UsageError } from '../exit-codes';
import type { TrainRunOptions } from './train-run';

/** Prepared data of one run. */
export interface TrainingData {
  name: string;
  train: Dataset;
  /** A separate validation set (when the data has one); otherwise the run may split the train set. */
  validation?: Dataset;
  test: Dataset;
  files: RunDataFile[];
  /** Input length when the model's input size depends on the data (HOG). */
  inputSize?: number;
  /** total/(2·count) weights from the training labels (binary data). */
  classWeights?: number[];
  classBalance: Record<string, Record<string, number>>;
  options?: Record<string, unknown>;
  /** HOG parameters used (mlp-hog). */
  hog?: HogOptions;
}

function countLabels(labels: ArrayLike<number>, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of names) out[n] = 0;
  for (let i = 0; i < labels.length; i++) out[names[labels[i]] ?? String(labels[i])]++;
  return out;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Loads the data for `entry` according to the run options. */
export async function loadTrainingData(entry: ZooEntry, opts: TrainRunOptions, info: (line: string) => void): Promise<TrainingData> {
  if (opts.limit !== undefined && !(Number.isInteger(opts.limit) && opts.limit > 0)) {
    throw new UsageError(`--limit must be a positive integer, got ${opts.limit}`);
  }
  switch (entry.input) {
    case 'mnist-pixels':
    case 'mnist-image': {
      const mnist = await loadMnist({ dir: opts.data, limit: opts.limit ? { train: opts.limit, test: Math.max(1, Math.ceil(opts.limit / 6)) } : undefined });
      info(`data: MNIST ${mnist.train.count} train / ${mnist.test.count} test images (${mnist.files[0]?.origin ?? 'files'})`);
      const layout = pixelLayoutFor(entry.input);
      return {
        name: 'mnist',
        train: mnistPixelDataset(mnist.train, layout),
        test: mnistPixelDataset(mnist.test, layout),
        files: mnist.files.map((f) => ({ name: f.name, sha256: f.sha256, origin: f.origin, path: f.path })),
        classBalance: { train: countLabels(mnist.train.labels, DIGITS), test: countLabels(mnist.test.labels, DIGITS) },
        options: { scale: '1/255', limit: opts.limit },
      };
    }
    default:
      throw new UsageError(`model '${entry.id}' reads ${entry.input} data, which this CLI cannot load yet`);
  }
}
