/**
 * Turns an MNIST split (uint8 images + labels from @nnlab/datasets) into the `Dataset` a zoo model
 * trains on: flat pixels scaled to [0, 1] for `mlp-raw`, 28×28×1 images for `cnn-mnist`, and
 * precomputed feature vectors for `mlp-hog`.
 */
import { arrayDataset, type Dataset } from '@nnlab/core';
import { ModelArgsError } from './errors';
import type { ModelInput } from './model-zoo';

/** The fields of an MNIST-like split this module reads. */
export interface ImageSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

/** Number of digit classes. */
export const MNIST_CLASSES = 10;

/** Pixels scaled by 1/255, flat (`[rows·cols]`) or as images (`[rows, cols, 1]`). */
export function mnistPixelDataset(split: ImageSplit, layout: 'flat' | 'image'): Dataset {
  return arrayDataset({
    x: split.images,
    sampleShape: layout === 'flat' ? [split.rows * split.cols] : [split.rows, split.cols, 1],
    labels: split.labels,
    numClasses: MNIST_CLASSES,
    scale: 1 / 255,
  });
}

/** A dataset of precomputed feature vectors (e.g. HOG), one row per image. */
export function featureDataset(features: Float32Array, featureLength: number, labels: Uint8Array): Dataset {
  return arrayDataset({ x: features, sampleShape: [featureLength], labels, numClasses: MNIST_CLASSES });
}

/** The dataset layout a model input needs from MNIST pixels. */
export function pixelLayoutFor(input: ModelInput): 'flat' | 'image' {
  if (input === 'mnist-pixels') return 'flat';
  if (input === 'mnist-image') return 'image';
  throw new ModelArgsError(`input '${input}' is not built from raw MNIST pixels`);
}
