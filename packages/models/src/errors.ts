/** Typed errors of @nnlab/models. */
import { NnlabError } from '@nnlab/core';

/** The model id is not in the zoo. */
export class UnknownModelError extends NnlabError {
  constructor(id: string, known: readonly string[]) {
    super('UNKNOWN_MODEL', `unknown model '${id}': the zoo has ${known.join(', ')}`);
  }
}

/** A zoo builder got arguments it cannot build from. */
export class ModelArgsError extends NnlabError {
  constructor(message: string) {
    super('INVALID_OPTION', message);
  }
}
