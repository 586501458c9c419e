import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HogOptionError } from '../errors';
import { createHogExtractor, hogKernelParams, type HogImage } from '../hog';
import { checkCount, checkImageBuffer, checkOutBuffer } from '../input-checks';
import { hogGeometry, type HogOptions } from '../hog-options';
import { hogWorkerFile } from './hog-worker-file';
import type { HogWorkerJob } from './hog-worker-job';

/** Default of {@link HogBatchParallelOptions.minImagesPerThread}. */
export const DEFAULT_MIN_IMAGES_PER_THREAD = 2000;

/** How {@link hogBatchParallel} splits the work. */
export interface HogBatchParallelOptions {
  /** Threads in all, the calling thread included (it takes the first share). Default `os.availableParallelism()`. */
  threads?: number;
  /** Fewer threads are used when each would get fewer images than this (a worker costs ~30 ms to start). Default 2000. */
  minImagesPerThread?: number;
  /** Destination of exactly `count × featureLength` values. Backed by a SharedArrayBuffer it is written in place. */
  out?: Float32Array;
}

/** Starts one worker thread on the worker module (hog-worker.ts). */
function runWorker(file: string, job: HogWorkerJob): { done: Promise<void>; worker: Worker } {
  const worker = new Worker(file, { workerData: job });
  const done = new Promise<void>((resolve, reject) => {
    let finished = false;
    worker.once('message', () => {
      finished = true;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (finished && code === 0) resolve();
      else reject(new Error(`hogBatchParallel: worker for images ${job.start}–${job.end - 1} exited with code ${code}`));
    });
  });
  return { done, worker };
}

function toShared<T extends Uint8Array | Float32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = (a instanceof Uint8Array ? new Uint8Array(new SharedArrayBuffer(a.byteLength)) : new Float32Array(new SharedArrayBuffer(a.byteLength))) as T;
  copy.set(a as never);
  return copy;
}

/**
 * {@link hogBatch} spread over worker threads (Node only). Same values, bit for bit: every thread
 * runs the same kernel. Images go to the workers through a SharedArrayBuffer (copied there once
 * unless already shared); the result is SharedArrayBuffer-backed unless `out` is given.
 * Falls back to the calling thread alone for small batches.
 */
export async function hogBatchParallel(
  images: HogImage,
  count: number,
  height: number,
  width: number,
  options: HogOptions = {},
  parallel: HogBatchParallelOptions = {},
): Promise<Float32Array> {
  const fn = 'hogBatchParallel';
  const g = hogGeometry(height, width, options, fn);
  checkCount(fn, count);
  const size = height * width;
  checkImageBuffer(fn, 'images', images, count * size, `count × height × width = ${count} × ${height} × ${width}`);
  const total = count * g.featureLength;
  const { out } = parallel;
  if (out !== undefined) checkOutBuffer(fn, out, total, `count × featureLength = ${count} × ${g.featureLength}`);
  const threads = parallel.threads ?? availableParallelism();
  const minPer = parallel.minImagesPerThread ?? DEFAULT_MIN_IMAGES_PER_THREAD;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new HogOptionError('threads', `${fn}: parallel.threads must be a positive integer, got ${String(threads)}`);
  }
  if (!Number.isInteger(minPer) || minPer < 1) {
    throw new HogOptionError('minImagesPerThread', `${fn}: parallel.minImagesPerThread must be a positive integer, got ${String(minPer)}`);
  }
  const n = Math.max(1, Math.min(threads, Math.floor(count / minPer)));
  const extractor = createHogExtractor(height, width, options);
  if (n === 1) return extractor.extractBatch(images, count, out);

  const src = toShared(images);
  const result = out && out.buffer instanceof SharedArrayBuffer ? out : new Float32Array(new SharedArrayBuffer(total * 4));
  const bound = (t: number): number => Math.round((count * t) / n);
  const params = hogKernelParams(g);
  const workerFile = hogWorkerFile();
  const jobs = [];
  for (let t = 1; t < n; t++) {
    jobs.push(
      runWorker(workerFile, {
        params,
        kind: src instanceof Uint8Array ? 'u8' : 'f32',
        images: src.buffer as SharedArrayBuffer,
        imagesOffset: src.byteOffset,
        imagesLength: src.length,
        out: result.buffer as SharedArrayBuffer,
        outOffset: result.byteOffset,
        outLength: result.length,
        start: bound(t),
        end: bound(t + 1),
        size,
        featureLength: g.featureLength,
      }),
    );
  }
  try {
    // the calling thread takes the first share while the workers start
    const first = bound(1);
    extractor.extractBatch(src.subarray(0, first * size), first, result.subarray(0, first * g.featureLength));
    await Promise.all(jobs.map((j) => j.done));
  } catch (err) {
    await Promise.all(jobs.map((j) => j.worker.terminate()));
    throw err;
  }
  if (out !== undefined && result !== out) out.set(result);
  return out ?? result;
}
