// @nnlab/datasets — browser-safe entry: pure parsing of dataset bytes (fflate for gzip and zip),
// the known-files table, resizing, splits and class weights. Node-only loaders live in `./node`.

// Errors
export { ChecksumError, DatasetArgumentError, DatasetError, DatasetFormatError, DatasetNotFoundError, DownloadError } from './errors';

// IDX (MNIST format), gzip, CRC-32
export { DEFAULT_MAX_IDX_BYTES, IDX_MAGIC_IMAGES, IDX_MAGIC_LABELS, IDX_TYPE_UINT8, parseIdx, type IdxArray, type ParseIdxOptions } from './idx';
export { isGzip } from './gzip';

// MNIST-like splits
export { DEFAULT_NUM_CLASSES, mnistSplitFromIdx, type MnistSplit, type MnistSplitOptions, type SplitSource } from './mnist-split';
export { loadMnistFromBytes, type Mnist, type MnistBytes, type MnistFromBytesOptions, type MnistLimit } from './mnist-from-bytes';

// NumPy .npy / .npz and PneumoniaMNIST
export { DEFAULT_MAX_NPY_BYTES, parseNpy, type NpyArray, type ParseNpyOptions } from './npy';
export { parseNpz, type NpzArrays, type ParseNpzOptions } from './npz';
export { DEFAULT_MAX_ZIP_ENTRY_BYTES, readZip, type ReadZipOptions, type ZipEntry } from './zip';
export { PNEUMONIAMNIST_CLASS_NAMES, pneumoniaMnistFromNpz, type PneumoniaMnist } from './pneumonia-mnist';

// Images
export { resizeBilinear, type ResizeBilinearOptions } from './resize-bilinear';
export { IMAGE_SNIFF_BYTES, sniffImageType, type ImageType } from './sniff-image-type';

// Known files and verification
export {
  KNOWN_FILES,
  knownFile,
  MNIST_FILE_NAMES,
  MNIST_MIRRORS,
  PNEUMONIAMNIST_FILE_NAME,
  PNEUMONIAMNIST_OFFICIAL_FILE_NAME,
  PNEUMONIAMNIST_OFFICIAL_URL,
  type KnownFile,
} from './known-files';
export { sha256Hex, verifyKnownFile } from './verify-bytes';

// Splits and class weights
export { stratifiedSplit, type StratifiedSplit } from './stratified-split';
export { classWeights } from './class-weights';
