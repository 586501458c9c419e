/**
 * HOG features of a uint8 image split, as `mlp-hog` reads them: each image scaled to [0, 1]
 * (float32, exactly as `prepareImage` does for one image) and passed through `hogBatch` with the
 * pipeline's HOG options. Computed in chunks, yielding to the browser between them so the page
 * stays responsive and can show progress.
 */
import { hogBatch, hogFeatureLength, type HogOptions } from '@nnlab/features-hog';
import type { ImageSplit } from '@nnlab/experiments';
import { yieldToBrowser } from '../util/throttle';

/** Images per `hogBatch` call between two yields. */
export const HOG_CHUNK_IMAGES = 2000;

/** HOG features, one row of `length` values per image. */
export interface HogFeatures {
  features: Float32Array;
  length: number;
}

/** Computes the HOG features of every image of `split`. */
export async function hogFeaturesOf(
  split: ImageSplit,
  options: HogOptions,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<HogFeatures> {
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
    await yieldToBrowser();
  }
  return { features, length };
}
