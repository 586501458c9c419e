import { MetricsInputError } from './errors';
import { checkClassCount, checkClassLabels, checkPaired } from './validate';

/** A multiclass confusion matrix over the classes `0 … numClasses-1`. */
export interface ConfusionMatrix {
  /** K, the number of classes; labels are the integers 0 … K-1. */
  numClasses: number;
  /**
   * K×K counts, rows = true class, columns = predicted class: `matrix[t][p]` is how many samples
   * of class `t` were predicted as `p` (sklearn `confusion_matrix` orientation).
   */
  matrix: number[][];
}

/** A confusion matrix, or just its K×K rows (rows = true class). */
export type ConfusionMatrixInput = ConfusionMatrix | readonly (readonly number[])[];

/**
 * Counts (true, predicted) pairs. Equals sklearn `confusion_matrix(yTrue, yPred,
 * labels=range(numClasses))`: every class 0 … K-1 gets a row and a column, including classes that
 * occur in neither array.
 *
 * @param yTrue true class per sample (integers ≥ 0).
 * @param yPred predicted class per sample (e.g. from {@link argmax}).
 * @param numClasses K; defaults to 1 + the largest label in either array.
 * @throws MetricsInputError (a RangeError) on mismatched or empty arrays, labels that are not
 *   integers in [0, K), or a K that is not a positive integer.
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, numClasses?: number): ConfusionMatrix {
  const fn = 'confusionMatrix';
  const n = checkPaired(fn, 'yTrue', yTrue, 'yPred', yPred);
  if (numClasses !== undefined) checkClassCount(fn, 'numClasses', numClasses);
  const maxTrue = checkClassLabels(fn, 'yTrue', yTrue, numClasses);
  const maxPred = checkClassLabels(fn, 'yPred', yPred, numClasses);
  const k = numClasses ?? Math.max(maxTrue, maxPred) + 1;

  const counts = new Float64Array(k * k);
  for (let i = 0; i < n; i++) counts[yTrue[i] * k + yPred[i]]++;

  const matrix: number[][] = new Array(k);
  for (let t = 0; t < k; t++) matrix[t] = Array.from(counts.subarray(t * k, (t + 1) * k));
  return { numClasses: k, matrix };
}

/**
 * Validates a {@link ConfusionMatrixInput} and returns its rows: a non-empty square array of
 * finite, non-negative counts. Internal helper of the matrix-based metrics.
 */
export function matrixRows(fn: string, input: ConfusionMatrixInput): readonly (readonly number[])[] {
  const rows = Array.isArray(input) ? (input as readonly (readonly number[])[]) : (input as ConfusionMatrix).matrix;
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new MetricsInputError(`${fn}: matrix must be a non-empty K×K array of counts`);
  }
  const k = rows.length;
  if (!Array.isArray(input) && (input as ConfusionMatrix).numClasses !== k) {
    throw new MetricsInputError(`${fn}: numClasses is ${(input as ConfusionMatrix).numClasses} but matrix has ${k} rows`);
  }
  for (let t = 0; t < k; t++) {
    const row = rows[t];
    if (!Array.isArray(row) || row.length !== k) {
      throw new MetricsInputError(`${fn}: matrix row ${t} has ${Array.isArray(row) ? row.length : 'no'} entries; expected ${k} (a square matrix)`);
    }
    for (let p = 0; p < k; p++) {
      const v = row[p];
      if (!(v >= 0) || v === Infinity) {
        throw new MetricsInputError(`${fn}: matrix[${t}][${p}] is ${v}; counts must be finite and ≥ 0`);
      }
    }
  }
  return rows;
}
