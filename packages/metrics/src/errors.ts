/**
 * Typed errors of @nnlab/metrics. The package depends on nothing, so its errors stand alone; each
 * carries a stable `code`, like the other nnlab packages' errors, and messages start with the
 * function name and name the argument at fault (`rocAuc: scores[3] is NaN; …`).
 */

/**
 * Bad input to a metric or chart builder: mismatched lengths, empty arrays, labels out of range,
 * non-finite scores, a single class where two are needed. It is a `RangeError`, so
 * `err instanceof RangeError` holds.
 */
export class MetricsInputError extends RangeError {
  /** Stable machine-readable code. */
  readonly code = 'METRICS_INPUT';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
