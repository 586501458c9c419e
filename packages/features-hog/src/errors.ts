/**
 * Typed errors of @nnlab/features-hog. Every message starts with the function that threw and names
 * the argument or option at fault, e.g. `hog: options.orientations must be a positive integer, got 0`.
 */

/** Base class of every error this package throws on purpose. */
export class HogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HogError';
  }
}

/** An option (`orientations`, `pixelsPerCell`, `cellsPerBlock`, `blockNorm`, …) is invalid or does not fit the image. */
export class HogOptionError extends HogError {
  /** The option at fault, e.g. `'pixelsPerCell'`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message);
    this.name = 'HogOptionError';
    this.option = option;
  }
}

/** An argument (`image`, `images`, `height`, `width`, `count`, `out`, …) has the wrong type, size or value. */
export class HogInputError extends HogError {
  /** The argument at fault, e.g. `'image'`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(message);
    this.name = 'HogInputError';
    this.argument = argument;
  }
}
