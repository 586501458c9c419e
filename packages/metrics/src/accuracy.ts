/**
 * Fraction of positions where `yTrue[i] === yPred[i]`.
 * @throws RangeError when the arrays differ in length or are empty.
 */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`accuracy: yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new RangeError('accuracy: no labels given');
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}
