/**
 * The error contract: one table from error CLASS to exit code, so scripts can tell what went
 * wrong. Codes: 0 ok · 1 unexpected failure · 2 usage (bad flag, argument or output path) ·
 * 3 data (missing, corrupt, checksum, shape) · 4 backend unavailable · 5 training diverged ·
 * 6 model file invalid · 130 interrupted (Ctrl-C).
 *
 * Errors are matched with `instanceof`, first row first — never by message text. An error no row
 * matches (a raw Node or library error) is a bug to fix: it exits 1 and names itself as unexpected.
 */
import { BackendUnavailableError, InterruptedError, InvalidOptionError, ModelFormatError, OutputPathError, TrainingError } from '@nnlab/core';
import { DatasetArgumentError, DatasetError } from '@nnlab/datasets';
import { HogError } from '@nnlab/features-hog';
import { MetricsInputError } from '@nnlab/metrics';
import { ExperimentOptionError } from '@nnlab/experiments';
import { RunRecordError } from '@nnlab/experiments/node';
import { ModelArgsError, SpecError, UnknownModelError } from '@nnlab/models';

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

/** Usage error raised by the CLI itself (bad flag values, flags that do not apply). */
export class UsageError extends InvalidOptionError {}

/** The data does not fit the model (image size, features), said in the user's terms. */
export class DataShapeError extends DatasetError {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorClass = abstract new (...args: any[]) => Error;

/** Error class → exit code. Order matters only where one class extends another. */
export const EXIT_CODE_TABLE: readonly (readonly [ErrorClass, number])[] = [
  [InterruptedError, EXIT.interrupted],
  [InvalidOptionError, EXIT.usage], // UsageError, ModelArgsError
  [UnknownModelError, EXIT.usage],
  [ModelArgsError, EXIT.usage],
  [SpecError, EXIT.usage],
  [ExperimentOptionError, EXIT.usage],
  [OutputPathError, EXIT.usage],
  [HogError, EXIT.usage],
  [MetricsInputError, EXIT.usage],
  [DatasetArgumentError, EXIT.usage],
  [DatasetError, EXIT.data], // format, checksum, download, not found, DataShapeError
  [BackendUnavailableError, EXIT.backend],
  [TrainingError, EXIT.training],
  [ModelFormatError, EXIT.model],
  [RunRecordError, EXIT.model], // a run folder's run.json that predict cannot use
];

/** Exit code for an error thrown by a command. */
export function exitCodeFor(err: unknown): number {
  for (const [cls, code] of EXIT_CODE_TABLE) if (err instanceof cls) return code;
  return EXIT.failure;
}
