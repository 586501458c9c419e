/**
 * One mapping from error to exit code, so scripts can tell what went wrong:
 * 0 ok · 1 unexpected failure · 2 usage (bad flag or argument) · 3 data (missing, corrupt,
 * checksum) · 4 backend unavailable · 5 training diverged · 6 model file invalid · 130 interrupted.
 */
import { NnlabError } from '@nnlab/core';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  data: 3,
  backend: 4,
  training: 5,
  model: 6,
  interrupted: 130,
} as const;

const BY_CODE: Record<string, number> = {
  INVALID_OPTION: EXIT.usage,
  UNKNOWN_MODEL: EXIT.usage,
  BACKEND_UNAVAILABLE: EXIT.backend,
  TRAINING_FAILED: EXIT.training,
  MODEL_FORMAT: EXIT.model,
};

/** Errors of @nnlab/datasets carry names like DatasetFormatError; map them to the data code. */
const DATA_ERROR_NAMES = /^(Dataset\w*Error|Idx\w*Error|Npz\w*Error|Checksum\w*Error|Download\w*Error|Image\w*Error|DataNotFoundError)$/;

/** Exit code for an error thrown by a command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof NnlabError && BY_CODE[err.code] !== undefined) return BY_CODE[err.code];
  if (err instanceof Error && DATA_ERROR_NAMES.test(err.name)) return EXIT.data;
  if (err instanceof NnlabError && /^(DATA|DATASET|CHECKSUM|DOWNLOAD|IMAGE)/.test(err.code)) return EXIT.data;
  if (err instanceof Error && /^(Hog(Option|Input)Error|MetricsInputError|ModelArgsError|DatasetArgumentError)$/.test(err.name)) return EXIT.usage;
  if (err instanceof RangeError) return EXIT.usage;
  return EXIT.failure;
}

/** Usage error raised by the CLI itself (bad flag values). */
export class UsageError extends NnlabError {
  constructor(message: string) {
    super('INVALID_OPTION', message);
  }
}
