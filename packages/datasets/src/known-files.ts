// The data files nnlab knows by name: sizes, checksums and public mirrors. Browser-safe, so the web
// app verifies what it fetches against the same table the Node resolver uses. The SHA-256 values
// are those of /data/SHA256SUMS (a test keeps the two equal).

/** A data file known by its relative name (the path under `data/`, the cache, or NNLAB_DATA_DIR). */
export interface KnownFile {
  /** Relative name, e.g. `mnist/train-images-idx3-ubyte.gz`. */
  name: string;
  /** Exact size in bytes, when known. */
  bytes?: number;
  /** Lower-case hex SHA-256, when known (preferred for verification). */
  sha256?: string;
  /** Lower-case hex MD5, when known (used for verification only when no SHA-256 is known). */
  md5?: string;
  /** Full URLs to download it from, tried in order (empty: not downloadable). */
  urls: readonly string[];
  /**
   * Names of other known files accepted in its place when it is not found (e.g. the official
   * PneumoniaMNIST `.npz` for the vendored reassembled one). Same content layout, other bytes.
   */
  alternatives?: readonly string[];
  /** One line on what it is. */
  description: string;
}

/** Public MNIST mirrors (base URLs; the file's base name is appended), tried in order. */
export const MNIST_MIRRORS: readonly string[] = ['https://storage.googleapis.com/cvdf-datasets/mnist/', 'https://ossci-datasets.s3.amazonaws.com/mnist/'];

/** Relative names of the four MNIST files. */
export const MNIST_FILE_NAMES = {
  trainImages: 'mnist/train-images-idx3-ubyte.gz',
  trainLabels: 'mnist/train-labels-idx1-ubyte.gz',
  testImages: 'mnist/t10k-images-idx3-ubyte.gz',
  testLabels: 'mnist/t10k-labels-idx1-ubyte.gz',
} as const;

/** Relative name of the vendored PneumoniaMNIST file (reassembled; see data/README.md). */
export const PNEUMONIAMNIST_FILE_NAME = 'pneumoniamnist/pneumoniamnist_reassembled.npz';
/** Relative name of the official MedMNIST v2 PneumoniaMNIST file (downloaded into the cache). */
export const PNEUMONIAMNIST_OFFICIAL_FILE_NAME = 'pneumoniamnist/pneumoniamnist.npz';
/** Where the official PneumoniaMNIST file is published (Zenodo record 10519652). */
export const PNEUMONIAMNIST_OFFICIAL_URL = 'https://zenodo.org/records/10519652/files/pneumoniamnist.npz?download=1';

function mnist(base: string, bytes: number, sha256: string, md5: string, description: string): KnownFile {
  return {
    name: `mnist/${base}`,
    bytes,
    sha256,
    md5,
    urls: MNIST_MIRRORS.map((m) => m + base),
    description,
  };
}

/** Every known file, by relative name. */
export const KNOWN_FILES: Readonly<Record<string, KnownFile>> = Object.freeze({
  [MNIST_FILE_NAMES.trainImages]: mnist(
    'train-images-idx3-ubyte.gz',
    9912422,
    '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
    'f68b3c2dcbeaaa9fbdd348bbdeb94873',
    'MNIST training images, 60000 × 28×28 uint8 (IDX, gzip)',
  ),
  [MNIST_FILE_NAMES.trainLabels]: mnist(
    'train-labels-idx1-ubyte.gz',
    28881,
    '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
    'd53e105ee54ea40749a09fcbcd1e9432',
    'MNIST training labels, 60000 (IDX, gzip)',
  ),
  [MNIST_FILE_NAMES.testImages]: mnist(
    't10k-images-idx3-ubyte.gz',
    1648877,
    '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
    '9fb629c4189551a2d022fa330f9573f3',
    'MNIST test images, 10000 × 28×28 uint8 (IDX, gzip)',
  ),
  [MNIST_FILE_NAMES.testLabels]: mnist(
    't10k-labels-idx1-ubyte.gz',
    4542,
    'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
    'ec29112dd5afa0611ce80d1b7f02629c',
    'MNIST test labels, 10000 (IDX, gzip)',
  ),
  [PNEUMONIAMNIST_FILE_NAME]: {
    name: PNEUMONIAMNIST_FILE_NAME,
    bytes: 4171018,
    sha256: 'a91af4e03fa3445a2fbb279d8200027351a91344118d62b817fd0a6b0f3ef6a9',
    md5: '082c8572524175adee487ec3cf4bdc68',
    urls: [],
    alternatives: [PNEUMONIAMNIST_OFFICIAL_FILE_NAME],
    description: 'PneumoniaMNIST 28×28, reassembled with the official keys and split sizes (vendored only)',
  },
  [PNEUMONIAMNIST_OFFICIAL_FILE_NAME]: {
    name: PNEUMONIAMNIST_OFFICIAL_FILE_NAME,
    md5: '28209eda62fecd6e6a2d98b1501bb15f',
    urls: [PNEUMONIAMNIST_OFFICIAL_URL],
    description: 'PneumoniaMNIST 28×28, official MedMNIST v2 file (Zenodo; only its MD5 is published)',
  },
});

/** The entry for `name`, or `undefined` when nnlab does not know it. */
export function knownFile(name: string): KnownFile | undefined {
  return Object.prototype.hasOwnProperty.call(KNOWN_FILES, name) ? KNOWN_FILES[name] : undefined;
}
