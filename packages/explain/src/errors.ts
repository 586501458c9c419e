/**
 * The one error of @nnlab/explain: a request that cannot be explained (no conv layer for Grad-CAM,
 * an unknown layer, a class out of range, an input of the wrong shape). Its code is core's
 * `INVALID_OPTION`, so hosts map it to a usage error; its message is one line.
 */
import { NnlabError } from '@nnlab/core';

export class ExplainInputError extends NnlabError {
  constructor(message: string) {
    super('INVALID_OPTION', message);
  }
}
