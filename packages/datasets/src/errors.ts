// Typed errors of @nnlab/datasets. Every message is one line that starts with the file (or the
// function and argument) it is about, followed by the problem: `mnist/train-labels-idx1-ubyte.gz:
// truncated IDX payload: expected 60000 bytes, got 59000`.

/** Keeps messages on one line even when a file name or a nested message carries newlines. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Base class of the errors about one file (a path, a URL or a name such as `mnist/…`). */
export class DatasetError extends Error {
  /** The file the error is about, as given by the caller (path, URL or relative data name). */
  readonly file: string;
  /** The problem, without the file name. */
  readonly problem: string;

  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(oneLine(`${file}: ${problem}`), options);
    this.name = new.target.name;
    this.file = file;
    this.problem = oneLine(problem);
  }
}

/** The bytes are not what the format says they should be (bad magic, wrong length, truncated…). */
export class DatasetFormatError extends DatasetError {}

/** A file's SHA-256 (or MD5) differs from the known value. */
export class ChecksumError extends DatasetError {
  readonly algorithm: 'sha256' | 'md5';
  readonly expected: string;
  readonly actual: string;

  constructor(file: string, algorithm: 'sha256' | 'md5', expected: string, actual: string, where?: string) {
    super(file, `${algorithm} mismatch${where ? ` (${where})` : ''}: expected ${expected}, got ${actual}`);
    this.algorithm = algorithm;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A download failed: HTTP status, timeout, connection closed early, too large, or every mirror failed. */
export class DownloadError extends DatasetError {
  /** The URL that failed (the last one tried when several mirrors failed). */
  readonly url: string | undefined;
  /** One error per mirror tried, in order, when several were tried. */
  readonly attempts: readonly Error[];

  constructor(file: string, problem: string, options?: { url?: string; attempts?: readonly Error[]; cause?: unknown }) {
    super(file, problem, { cause: options?.cause });
    this.url = options?.url;
    this.attempts = options?.attempts ?? [];
  }
}

/** A data file could not be found in any place the resolver looks (and could not be downloaded). */
export class DatasetNotFoundError extends DatasetError {
  /** Every place looked at, in order. */
  readonly searched: readonly string[];

  constructor(file: string, problem: string, searched: readonly string[], options?: { cause?: unknown }) {
    super(file, problem, options);
    this.searched = searched;
  }
}

/** A function was called with an argument out of its domain (`validationSplit: fraction …`). */
export class DatasetArgumentError extends RangeError {
  /** `function.argument`, e.g. `validationSplit.fraction`. */
  readonly argument: string;

  constructor(fn: string, argument: string, problem: string) {
    super(oneLine(`${fn}: ${argument} ${problem}`));
    this.name = 'DatasetArgumentError';
    this.argument = `${fn}.${argument}`;
  }
}
