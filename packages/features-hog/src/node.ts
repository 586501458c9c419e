// @nnlab/features-hog/node — Node-only helpers (worker threads, zlib, fs).

// Parallel batch extraction (worker_threads)
export { hogBatchParallel, DEFAULT_MIN_IMAGES_PER_THREAD } from './node/hog-batch-parallel';
export type { HogBatchParallelOptions } from './node/hog-batch-parallel';

// PNG output (zlib, fs)
export { encodePng, writePng, DEFAULT_PNG_COMPRESSION_LEVEL } from './node/png';
export type { EncodePngOptions } from './node/png';
