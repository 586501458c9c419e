/**
 * HOG features of a uint8 image split, as `mlp-hog` reads them: each image scaled to [0, 1]
 * (float32, exactly as `prepareImage` does for one image) and passed through `hogBatch` with the
 * pipeline's HOG options. The browser-safe computer works in chunks and yields to the event loop
 * between them, so a page stays responsive and can show progress; hosts may inject another
 * (the CLI's computes on all cores and caches on disk, `@nnlab/experiments/node`).
 */
import { yieldToEventLoop } from '@nnlab/core';
import { hogBatch, hogFeatureLength, type ResolvedHogOptions } from '@nnlab/features-hog';
import type { ImageSplit } from './mnist-data';

/** Images per `hogBatch` call between two yields. */
export const HOG_CHUNK_IMAGES = 2000;

/** What a HOG computer is asked for. */
export interface HogRequest {
  split: ImageSplit;
  options: ResolvedHogOptions;
  /** Which split (for progress lines). */
  splitName: string;
  /** SHA-256 of the file the images came from (a cache key), when known. */
  imagesSha256?: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** HOG features, one row of `length` values per image. */
export interface HogFeatures {
  features: Float32Array;
  length: number;
  /** True when read from a cache. */
  cached?: boolean;
  /** The cache key, when cached. */
  key?: string;
}

/** Computes the HOG features of a split. */
export type HogComputer = (request: HogRequest) => Promise<HogFeatures>;

/** The browser-safe computer: chunks of `HOG_CHUNK_IMAGES`, a yield after each. */
export const hogFeaturesInChunks: HogComputer = async ({ split, options, onProgress, signal }) => {
  const { rows, cols, count } = split;
  const length = hogFeatureLength(rows, cols, options);
  const features = new Float32Array(count * length);
  const pix = rows * cols;
  const unit = new Float32Array(Math.min(HOG_CHUNK_IMAGES, count) * pix);
  for (let start = 0; start < count; start += HOG_CHUNK_IMAGES) {
    signal?.throwIfAborted();
    const n = Math.min(HOG_CHUNK_IMAGES, count - start);
    const src = split.images.subarray(start * pix, (start + n) * pix);
    for (let i = 0; i < src.length; i++) unit[i] = Math.fround(src[i] / 255);
    hogBatch(unit.subarray(0, n * pix), n, rows, cols, options, features.subarray(start * length, (start + n) * length));
    onProgress?.(start + n, count);
    await yieldToEventLoop();
  }
  return { features, length };
};
