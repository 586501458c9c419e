/** Typed errors of @nnlab/experiments. */
import { NnlabError } from '@nnlab/core';

/** An experiment was asked for something it cannot do (unknown dataset, bad limit, input that does not fit the model). */
export class ExperimentOptionError extends NnlabError {
  constructor(message: string) {
    super('INVALID_OPTION', message);
  }
}
