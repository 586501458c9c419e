import { MetricsInputError } from './errors';
import { checkClassCount } from './validate';

/**
 * Row-wise argmax of a row-major N×K matrix stored flat (e.g. the `Float32Array` of softmax
 * probabilities a model returns): `out[i]` is the column of the largest value in row `i`.
 * Ties go to the lowest column, like `numpy.argmax`.
 *
 * @param values flat row-major values, length N·K.
 * @param numClasses K, the number of columns.
 * @returns an `Int32Array` of N predicted class indices.
 * @throws MetricsInputError (a RangeError) when K is not a positive integer, the length is not a
 *   non-zero multiple of K, or a value is NaN.
 */
export function argmax(values: ArrayLike<number>, numClasses: number): Int32Array {
  checkClassCount('argmax', 'numClasses', numClasses);
  const k = numClasses;
  const total = values.length;
  if (total === 0) throw new MetricsInputError('argmax: values is empty');
  if (total % k !== 0) {
    throw new MetricsInputError(`argmax: values has ${total} entries, not a multiple of numClasses ${k}`);
  }
  const n = total / k;
  const out = new Int32Array(n);
  for (let row = 0, base = 0; row < n; row++, base += k) {
    let best = values[base];
    let bestCol = 0;
    if (best !== best) throw nanError(base, row, 0);
    for (let col = 1; col < k; col++) {
      const v = values[base + col];
      if (v > best) {
        best = v;
        bestCol = col;
      } else if (v !== v) {
        throw nanError(base + col, row, col);
      }
    }
    out[row] = bestCol;
  }
  return out;
}

function nanError(index: number, row: number, col: number): MetricsInputError {
  return new MetricsInputError(`argmax: values[${index}] (row ${row}, column ${col}) is NaN`);
}
