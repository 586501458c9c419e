/**
 * Turns an MNIST split (uint8 images + labels from @nnlab/datasets) into the `Dataset` a zoo model
 * trains on: flat pixels scaled to [0, 1] for `mlp-raw`, 28×28×1 images for `cnn-mnist`, and
 * precomputed feature vectors for `mlp-hog`.
 */
import { arrayDataset, type Dataset } from '@nnlab/core';
import { resizeBilinear } from '@nnlab/datasets';
import { ExperimentOptionError } from './errors';
import type { ModelInput } from '@nnlab/models';

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
export function featureDataset(features: Float32Array, featureLength: number, labels: Uint8Array, numClasses: number = MNIST_CLASSES): Dataset {
  return arrayDataset({ x: features, sampleShape: [featureLength], labels, numClasses });
}

/** Options of `imageDataset`. */
export interface ImageDatasetOptions {
  /** Square side the model reads; images are resized (bilinear, TF half-pixel) on read when it differs. */
  size: number;
  /** Multiplier on 0–255 pixels (1/255 for MNIST models; 1 for the pneumonia CNN, as the course). */
  scale: number;
  /** Classes: 2 gives a single 0/1 target (sigmoid), more give one-hot targets. */
  numClasses: number;
}

/**
 * Images `[size, size, 1]` from a uint8 split (MNIST, PneumoniaMNIST), resized on the fly, so a
 * 28×28 set feeds a 128×128 model without holding 128×128 floats per image in memory.
 */
export function imageDataset(split: ImageSplit, options: ImageDatasetOptions): Dataset {
  const { size, scale, numClasses } = options;
  if (split.rows === size && split.cols === size) {
    return arrayDataset({ x: split.images, sampleShape: [size, size, 1], labels: split.labels, numClasses, scale });
  }
  const base = arrayDataset({ x: split.images, sampleShape: [split.rows * split.cols], labels: split.labels, numClasses });
  const pix = split.rows * split.cols;
  const out = size * size;
  let scratch = new Float32Array(0);
  return {
    size: split.count,
    sampleShape: [size, size, 1],
    targetShape: base.targetShape,
    label: base.label,
    read(indices, x, y) {
      if (scratch.length < indices.length * pix) scratch = new Float32Array(indices.length * pix);
      void base.read(indices, scratch, y);
      for (let k = 0; k < indices.length; k++) {
        resizeBilinear(scratch.subarray(k * pix, (k + 1) * pix), split.rows, split.cols, size, size, { out: x, offset: k * out });
        if (scale !== 1) for (let j = k * out; j < (k + 1) * out; j++) x[j] *= scale;
      }
    },
  };
}

/** The dataset layout a model input needs from MNIST pixels. */
export function pixelLayoutFor(input: ModelInput): 'flat' | 'image' {
  if (input === 'mnist-pixels') return 'flat';
  if (input === 'mnist-image') return 'image';
  throw new ExperimentOptionError(`input '${input}' is not built from raw MNIST pixels`);
}
