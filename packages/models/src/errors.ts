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

/** Where in a spec a problem sits: the layer's 0-based index and its text form. */
export interface SpecErrorLocation {
  /** 0-based layer index (absent for problems of the whole spec). */
  layer?: number;
  /** The layer as written in the text form, e.g. `pool(2)`. */
  text?: string;
}

/**
 * A model spec that cannot be read or cannot build: the message names the layer (1-based, as
 * people count, with its text form) and says why, e.g.
 * `layer 8 pool(2): a 2×2 window does not fit the 1×1×16 output of layer 7 conv(16,3x3,relu)`.
 */
export class SpecError extends NnlabError {
  /** 0-based index of the layer at fault, when one is. */
  readonly layer?: number;
  /** Text form of that layer. */
  readonly layerText?: string;
  /** The problem without the location prefix. */
  readonly problem: string;
  constructor(problem: string, where: SpecErrorLocation = {}) {
    const prefix = where.layer === undefined ? '' : `layer ${where.layer + 1}${where.text ? ` ${where.text}` : ''}: `;
    super('INVALID_SPEC', `${prefix}${problem}`);
    this.layer = where.layer;
    this.layerText = where.text;
    this.problem = problem;
  }
}
