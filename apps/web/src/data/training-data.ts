/**
 * The data a zoo model trains on in the browser, by its input kind — the same choices as
 * `nnlab train`: MNIST raw pixels (flat or 28×28×1 images) scaled to [0, 1], HOG features of
 * MNIST, or PneumoniaMNIST X-rays resized to the CNN's size (0–255, class weights).
 */
import { splitTail, type Dataset } from '@nnlab/core';
import { PNEUMONIAMNIST_CLASS_NAMES, classWeights, type MnistSplit } from '@nnlab/datasets';
import { type ZooEntry } from '@nnlab/models';
import { MNIST_CLASSES, featureDataset, mnistPixelDataset, pixelLayoutFor, type InputPipeline } from '@nnlab/experiments';
import { formatMB } from '../util/format';
import { hogFeaturesOf } from './hog-features';
import { loadMnist } from './mnist-source';
import { loadPneumoniaMnist } from './pneumonia-source';
import { preparedImageDataset } from './prepared-image-dataset';

/** Prepared data of one run. */
export interface TrainingData {
  /** Data set name for the page. */
  name: string;
  train: Dataset;
  validation?: Dataset;
  test: Dataset;
  /** Input length when the model's input size depends on the data (HOG). */
  inputSize?: number;
  /** Balanced class weights (binary models, as the course). */
  classWeights?: number[];
  /** Class names, by label. */
  classNames: string[];
}

/** What to load. */
export interface TrainingDataOptions {
  /** First N training images (test: ⌈N/6⌉ for MNIST). */
  limit?: number;
  /** Keras validation_split for data without a validation set. */
  validationSplit: number;
  /** Use balanced class weights (binary data). */
  useClassWeights: boolean;
  onStatus?: (line: string) => void;
  signal?: AbortSignal;
}

const DIGITS = Array.from({ length: MNIST_CLASSES }, (_, i) => String(i));

function download(onStatus: ((line: string) => void) | undefined, what: string) {
  return (loaded: number, total: number) => onStatus?.(`downloading ${what}: ${formatMB(loaded)}${total ? ` of ${formatMB(total)}` : ''}`);
}

function firstN(split: MnistSplit, n: number | undefined): MnistSplit {
  if (n === undefined || n >= split.count) return split;
  const pix = split.rows * split.cols;
  return { ...split, images: split.images.subarray(0, n * pix), labels: split.labels.subarray(0, n), count: n };
}

function withValidationSplit(train: Dataset, fraction: number): { train: Dataset; validation?: Dataset } {
  return fraction > 0 ? splitTail(train, fraction) : { train };
}

/** Loads and prepares the data `entry` trains on, with `pipeline` (from `inputPipelineFor`). */
export async function loadTrainingData(entry: ZooEntry, pipeline: InputPipeline, options: TrainingDataOptions): Promise<TrainingData> {
  const { onStatus, signal } = options;
  switch (entry.input) {
    case 'mnist-pixels':
    case 'mnist-image': {
      const mnist = await loadMnist(options.limit, download(onStatus, 'MNIST'));
      signal?.throwIfAborted();
      const layout = pixelLayoutFor(entry.input);
      const split = withValidationSplit(mnistPixelDataset(mnist.train, layout), options.validationSplit);
      return { name: 'MNIST', ...split, test: mnistPixelDataset(mnist.test, layout), classNames: DIGITS };
    }
    case 'mnist-hog': {
      const mnist = await loadMnist(options.limit, download(onStatus, 'MNIST'));
      const hogOptions = pipeline.hog!;
      const progress = (split: string) => (done: number, total: number) => onStatus?.(`HOG features of the ${split} images: ${done} / ${total}`);
      const train = await hogFeaturesOf(mnist.train, hogOptions, progress('training'), signal);
      const test = await hogFeaturesOf(mnist.test, hogOptions, progress('test'), signal);
      const split = withValidationSplit(featureDataset(train.features, train.length, mnist.train.labels), options.validationSplit);
      return { name: 'MNIST (HOG)', ...split, test: featureDataset(test.features, test.length, mnist.test.labels), inputSize: train.length, classNames: DIGITS };
    }
    case 'xray-image': {
      const p = await loadPneumoniaMnist(download(onStatus, 'PneumoniaMNIST'));
      signal?.throwIfAborted();
      const train = firstN(p.train, options.limit);
      const classes = PNEUMONIAMNIST_CLASS_NAMES.length;
      return {
        name: 'PneumoniaMNIST',
        train: preparedImageDataset(train, pipeline, classes),
        validation: preparedImageDataset(p.val, pipeline, classes),
        test: preparedImageDataset(p.test, pipeline, classes),
        classWeights: options.useClassWeights ? classWeights(train.labels, classes) : undefined,
        classNames: [...PNEUMONIAMNIST_CLASS_NAMES],
      };
    }
    default:
      throw new Error(`model '${entry.id}' reads '${String(entry.input)}' data, which the web app cannot load`);
  }
}
