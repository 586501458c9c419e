// @nnlab/datasets/node — Node-only: file resolution (explicit → NNLAB_DATA_DIR → vendored → cache →
// download), checksum-verified downloads, and loaders that read files (sharp for images).

// Resolver
export {
  CACHE_DIR_ENV,
  DATA_DIR_ENV,
  defaultCacheDir,
  OFFLINE_ENV,
  resolveDataFile,
  type ResolvedFile,
  type ResolveDataFileOptions,
} from './node/resolve-data-file';
export { defaultVendorDir, findVendorDirFrom } from './node/find-vendor-dir';
export type { DataOrigin, DatasetProgressEvent, DownloadProgressEvent, FileRejectedEvent, MirrorFailedEvent } from './node/progress-events';

// Downloads and hashing
export { DEFAULT_DOWNLOAD_TIMEOUT_MS, DEFAULT_MAX_DOWNLOAD_BYTES, downloadFile, type DownloadOptions, type ExpectedFile } from './node/download';
export { clearHashMemo, hashFile, type FileHashes } from './node/hash-file';

// MNIST and PneumoniaMNIST
export { loadMnist, type LoadedMnist, type LoadMnistOptions } from './node/load-mnist';
export { loadPneumoniaMnist, type LoadedPneumoniaMnist, type LoadPneumoniaMnistOptions } from './node/load-pneumonia-mnist';

// Image folders (chest X-ray)
export {
  DEFAULT_DECODE_CONCURRENCY,
  DEFAULT_IMAGE_SIZE,
  IMAGE_EXTENSIONS,
  openImageFolder,
  SPLIT_NAMES,
  type ImageFolder,
  type ImageFolderOptions,
  type ImageFolderSplit,
  type SkippedFile,
  type SplitName,
} from './node/image-folder';
export { CHEST_XRAY_CLASS_NAMES, openChestXray, type ChestXrayOptions } from './node/open-chest-xray';
export { decodeGrayscale, DEFAULT_MAX_IMAGE_PIXELS, type GrayImage } from './node/decode-grayscale';

// Reading user-named data files (regular files only, bounded, typed errors)
export { MAX_DATA_FILE_BYTES, readDataFile } from './node/read-data-file';
