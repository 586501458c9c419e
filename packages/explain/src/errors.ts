/**
 * The one error of @nnlab/explain: a request that cannot be explained (no conv layer for Grad-CAM,
 * an unknown layer, a class out of range, an input of the wrong shape). It is core's
 * `InvalidOptionError` (code `INVALID_OPTION`), so hosts map it to a usage error; its message is
 * one line.
 */
import { InvalidOptionError } from '@nnlab/core';

export class ExplainInputError extends InvalidOptionError {}
