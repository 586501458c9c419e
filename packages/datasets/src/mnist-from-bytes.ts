// MNIST from the four files' bytes (browser-safe): the web app fetches the same files the Node
// resolver finds and calls this.
import { DatasetArgumentError } from './errors';
import { parseIdx } from './idx';
import { MNIST_FILE_NAMES } from './known-files';
import { mnistSplitFromIdx, type MnistSplit } from './mnist-split';

/** The bytes of the four MNIST files (raw IDX or gzip). */
export interface MnistBytes {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/** Train and test splits. */
export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
}

/** How many items to read: one number for both splits, or per split. */
export type MnistLimit = number | { train?: number; test?: number };

/** Options of {@link loadMnistFromBytes}. */
export interface MnistFromBytesOptions {
  /** Read only the first items of each split (quick runs). Default: all. */
  limit?: MnistLimit;
  /** Labels must be below this (default 10). */
  numClasses?: number;
  /** Names for error messages, per file (default: the known relative names, `mnist/…`). */
  sources?: Partial<Record<keyof MnistBytes, string>>;
}

/** Resolves a {@link MnistLimit} into the train and test limits. */
export function splitLimits(limit: MnistLimit | undefined): { train?: number; test?: number } {
  if (limit === undefined) return {};
  if (typeof limit === 'number') return { train: limit, test: limit };
  if (typeof limit !== 'object' || limit === null) {
    throw new DatasetArgumentError('loadMnist', 'limit', `must be a number or { train, test }, got ${String(limit)}`);
  }
  return limit;
}

/**
 * Parses and pairs the four MNIST files (or Fashion-MNIST, or any uint8 IDX image set with the
 * same layout).
 * @throws DatasetFormatError naming the offending file.
 */
export function loadMnistFromBytes(bytes: MnistBytes, options: MnistFromBytesOptions = {}): Mnist {
  const names = { ...MNIST_FILE_NAMES, ...options.sources };
  const limits = splitLimits(options.limit);
  const split = (images: keyof MnistBytes, labels: keyof MnistBytes, limit: number | undefined) =>
    mnistSplitFromIdx(
      parseIdx(bytes[images], { source: names[images], limit }),
      parseIdx(bytes[labels], { source: names[labels], limit }),
      { images: names[images], labels: names[labels] },
      { numClasses: options.numClasses },
    );
  return {
    train: split('trainImages', 'trainLabels', limits.train),
    test: split('testImages', 'testLabels', limits.test),
  };
}
