// What hogBatchParallel sends to each worker thread (plain data; the buffers are shared).
import type { HogKernelParams } from '../hog-kernel';

/** One worker's share: images [start, end) of `images`, written into `out`. */
export interface HogWorkerJob {
  params: HogKernelParams;
  kind: 'u8' | 'f32';
  images: SharedArrayBuffer;
  imagesOffset: number;
  imagesLength: number;
  out: SharedArrayBuffer;
  outOffset: number;
  outLength: number;
  start: number;
  end: number;
  size: number;
  featureLength: number;
}
