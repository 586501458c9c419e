import { matrixRows, type ConfusionMatrixInput } from './confusion-matrix';
import { MetricsInputError } from './errors';

/** How many confusions {@link topConfusions} and the classification report list by default. */
export const DEFAULT_TOP_CONFUSIONS = 5;

/** One off-diagonal cell of a confusion matrix: samples of `trueLabel` predicted as `predictedLabel`. */
export interface Confusion {
  trueLabel: number;
  predictedLabel: number;
  /** How many samples. */
  count: number;
  /** `count` divided by the support of `trueLabel` (share of that class that went this way). */
  fractionOfTrue: number;
}

/**
 * The `k` most frequent mistakes, i.e. the largest off-diagonal cells of a confusion matrix
 * (rows = true class), largest first; ties are ordered by true label, then predicted label. Cells
 * with a count of 0 are never listed, so fewer than `k` may come back. Directional: "4 read as 9"
 * and "9 read as 4" are separate entries.
 *
 * @param k how many to return (a non-negative integer, or `Infinity` for all); default
 *   {@link DEFAULT_TOP_CONFUSIONS}.
 */
export function topConfusions(matrix: ConfusionMatrixInput, k: number = DEFAULT_TOP_CONFUSIONS): Confusion[] {
  const rows = matrixRows('topConfusions', matrix);
  if (!(k >= 0) || (!Number.isInteger(k) && k !== Infinity)) {
    throw new MetricsInputError(`topConfusions: k must be a non-negative integer or Infinity, got ${k}`);
  }
  const n = rows.length;
  const out: Confusion[] = [];
  for (let t = 0; t < n; t++) {
    const row = rows[t];
    let support = 0;
    for (let p = 0; p < n; p++) support += row[p];
    for (let p = 0; p < n; p++) {
      if (p !== t && row[p] > 0) {
        out.push({ trueLabel: t, predictedLabel: p, count: row[p], fractionOfTrue: row[p] / support });
      }
    }
  }
  // Stable sort: equal counts keep row-major (true label, then predicted label) order.
  out.sort((a, b) => b.count - a.count);
  return k < out.length ? out.slice(0, k) : out;
}
