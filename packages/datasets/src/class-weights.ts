// Balanced class weights, as in the course (`total / (2 * count)`) and sklearn's
// `compute_class_weight('balanced', …)`: n_samples / (n_classes * bincount(y)).
import { DatasetArgumentError } from './errors';

/**
 * `weights[c] = labels.length / (numClasses * count_c)`, for Keras' `class_weight`.
 * @throws DatasetArgumentError when `labels` is empty, a label is not an integer in
 * `[0, numClasses)`, or a class has no samples (its weight would be infinite).
 */
export function classWeights(labels: ArrayLike<number>, numClasses = 2): number[] {
  if (!(Number.isInteger(numClasses) && numClasses >= 1)) {
    throw new DatasetArgumentError('classWeights', 'numClasses', `must be a positive integer, got ${numClasses}`);
  }
  if (labels.length === 0) throw new DatasetArgumentError('classWeights', 'labels', 'is empty');
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!(Number.isInteger(y) && y >= 0 && y < numClasses)) {
      throw new DatasetArgumentError('classWeights', 'labels', `[${i}] = ${y} is not an integer in [0, ${numClasses})`);
    }
    counts[y]++;
  }
  return counts.map((n, c) => {
    if (n === 0) throw new DatasetArgumentError('classWeights', 'labels', `contain no sample of class ${c}`);
    return labels.length / (numClasses * n);
  });
}
