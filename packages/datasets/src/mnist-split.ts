// One split (train or test) of an MNIST-like image set: uint8 images with a label each.
import { DatasetArgumentError, DatasetFormatError } from './errors';
import type { IdxArray } from './idx';

/** Number of classes assumed when no `numClasses` is given (the ten digits). */
export const DEFAULT_NUM_CLASSES = 10;

/**
 * Images and labels of one split. `images` holds `count` row-major `rows × cols` uint8 images
 * back to back (`images[(i * rows + r) * cols + c]`), `labels[i]` the class of image `i`.
 */
export interface MnistSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

/** Options of {@link mnistSplitFromIdx}. */
export interface MnistSplitOptions {
  /** Labels must be below this (default {@link DEFAULT_NUM_CLASSES}). */
  numClasses?: number;
}

/** Names of the two files a split came from, for error messages (or one name for both). */
export type SplitSource = string | { images: string; labels: string };

/**
 * Pairs an IDX image array (3 dims: count, rows, cols) with an IDX label array (1 dim: count).
 * Works for MNIST, Fashion-MNIST and any other uint8 IDX image set.
 * @throws DatasetFormatError when the dimensions are wrong, the counts differ or a label is out of range.
 */
export function mnistSplitFromIdx(imagesIdx: IdxArray, labelsIdx: IdxArray, source: SplitSource, options: MnistSplitOptions = {}): MnistSplit {
  const imagesName = typeof source === 'string' ? source : source.images;
  const labelsName = typeof source === 'string' ? source : source.labels;
  const numClasses = options.numClasses ?? DEFAULT_NUM_CLASSES;
  if (!(Number.isInteger(numClasses) && numClasses >= 1 && numClasses <= 256)) {
    throw new DatasetArgumentError('mnistSplitFromIdx', 'numClasses', `must be an integer in 1..256, got ${numClasses}`);
  }
  if (imagesIdx.dims.length !== 3) {
    throw new DatasetFormatError(
      imagesName,
      `expected 3 IDX dimensions (count, rows, cols) for images, got ${imagesIdx.dims.length} (${imagesIdx.dims.join('×')})`,
    );
  }
  if (labelsIdx.dims.length !== 1) {
    throw new DatasetFormatError(labelsName, `expected 1 IDX dimension (count) for labels, got ${labelsIdx.dims.length} (${labelsIdx.dims.join('×')})`);
  }
  const [count, rows, cols] = imagesIdx.dims;
  const imagesTotal = imagesIdx.totalCount ?? count;
  const labelsTotal = labelsIdx.totalCount ?? labelsIdx.dims[0];
  if (labelsTotal !== imagesTotal) {
    throw new DatasetFormatError(labelsName, `has ${labelsTotal} labels but ${imagesName} has ${imagesTotal} images`);
  }
  if (labelsIdx.dims[0] !== count) {
    throw new DatasetFormatError(labelsName, `has ${labelsIdx.dims[0]} labels but ${imagesName} has ${count} images`);
  }
  if (imagesIdx.data.length !== count * rows * cols || labelsIdx.data.length !== count) {
    throw new DatasetFormatError(imagesName, 'IDX data length does not match its dimensions');
  }
  const labels = labelsIdx.data;
  for (let i = 0; i < count; i++) {
    if (labels[i] >= numClasses) {
      throw new DatasetFormatError(labelsName, `label ${labels[i]} at index ${i} is not below numClasses = ${numClasses}`);
    }
  }
  return { images: imagesIdx.data, labels, count, rows, cols };
}
