/**
 * Typed errors of @nnlab/core. Each carries a stable `code` so hosts (the CLI, the web app) can map
 * it to an exit code or a message without parsing text.
 */

/** Base class of every error nnlab throws on purpose. */
export class NnlabError extends Error {
  /** Stable machine-readable code, e.g. `BACKEND_UNAVAILABLE`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A requested backend cannot run here. `available` lists the ones that can. */
export class BackendUnavailableError extends NnlabError {
  readonly backend: string;
  readonly available: readonly string[];
  constructor(backend: string, reason: string, available: readonly string[]) {
    super('BACKEND_UNAVAILABLE', `backend '${backend}' is not available: ${reason}. Available here: ${available.length ? available.join(', ') : '(none)'}`);
    this.backend = backend;
    this.available = available;
  }
}

/** A caller passed an option that cannot work (unknown name, out of range, wrong shape). */
export class InvalidOptionError extends NnlabError {
  constructor(message: string) {
    super('INVALID_OPTION', message);
  }
}

/** Training diverged or was fed something it cannot use (e.g. the loss became NaN). */
export class TrainingError extends NnlabError {
  constructor(message: string) {
    super('TRAINING_FAILED', message);
  }
}

/** A saved model (model.json + weights) is malformed, unsafe or incomplete. */
export class ModelFormatError extends NnlabError {
  /** The file or folder at fault. */
  readonly file: string;
  constructor(file: string, problem: string) {
    super('MODEL_FORMAT', `${file}: ${problem}`);
    this.file = file;
  }
}

/**
 * A path the user named for output cannot be written: a folder that is read-only, a file where a
 * folder is needed, a folder where a file is needed.
 */
export class OutputPathError extends NnlabError {
  /** The path at fault. */
  readonly file: string;
  constructor(file: string, problem: string) {
    super('OUTPUT_PATH', `${file}: ${problem}`);
    this.file = file;
  }
}

/** The user stopped the work (Ctrl-C). The message says what was kept. */
export class InterruptedError extends NnlabError {
  constructor(message: string) {
    super('INTERRUPTED', message);
  }
}
