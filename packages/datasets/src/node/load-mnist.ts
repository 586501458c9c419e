// MNIST on Node: resolve the four files (explicit folder → env → vendored → cache → download),
// then parse them.
import { MNIST_FILE_NAMES } from '../known-files';
import { loadMnistFromBytes, type Mnist, type MnistBytes, type MnistLimit } from '../mnist-from-bytes';
import { readDataFile } from './read-data-file';
import { resolveDataFile, type ResolveDataFileOptions, type ResolvedFile } from './resolve-data-file';

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions extends Omit<ResolveDataFileOptions, 'path'> {
  /**
   * A folder holding the four files (under `mnist/…` or directly); nothing else is searched.
   * Fashion-MNIST uses the same file names, so it loads the same way.
   */
  dir?: string;
  /** Read only the first items of each split (quick runs). Default: all. */
  limit?: MnistLimit;
  /** Labels must be below this (default 10). */
  numClasses?: number;
}

/** MNIST splits plus the files they came from (train images, train labels, test images, test labels). */
export interface LoadedMnist extends Mnist {
  files: ResolvedFile[];
}

/** Finds, verifies and parses MNIST. */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<LoadedMnist> {
  const { dir, limit, numClasses, ...resolveOptions } = options;
  const keys = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;
  const files = await Promise.all(keys.map((k) => resolveDataFile(MNIST_FILE_NAMES[k], { ...resolveOptions, path: dir })));
  const bytes = Object.fromEntries(keys.map((k, i) => [k, readDataFile(files[i].path)])) as unknown as MnistBytes;
  const sources = Object.fromEntries(keys.map((k, i) => [k, files[i].path])) as Record<keyof MnistBytes, string>;
  const mnist = loadMnistFromBytes(bytes, { limit, numClasses, sources });
  return { ...mnist, files };
}
