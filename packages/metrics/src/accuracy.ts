import { checkPaired } from './validate';

/**
 * Fraction of positions where `yTrue[i] === yPred[i]` (sklearn `accuracy_score`).
 * @throws MetricsInputError (a RangeError) when the arrays differ in length or are empty.
 */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPaired('accuracy', 'yTrue', yTrue, 'yPred', yPred);
  let hits = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / n;
}
