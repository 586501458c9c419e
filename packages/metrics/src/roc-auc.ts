import { rocPoints } from './binary-clf-curve';

/**
 * Area under the ROC curve by the trapezoidal rule over the points of {@link rocCurve}, as
 * scikit-learn `roc_auc_score(yTrue, scores)` computes it for binary labels. Tied scores form one
 * diagonal step, so a positive and a negative with the same score count as half a correct pair
 * (AUC is the probability that a random positive outranks a random negative, ties counting ½).
 *
 * @param yTrue 0/1 labels (positive class = 1); both classes must be present.
 * @param scores higher = more likely positive.
 * @throws MetricsInputError (a RangeError) on mismatched or empty arrays, labels other than 0/1,
 *   NaN or infinite scores, or only one class in `yTrue` (AUC undefined).
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { fps, tps, negatives, positives, length } = rocPoints('rocAuc', yTrue, scores, true);
  // np.trapz(tpr, fpr): sum of dx * (y[i] + y[i-1]) / 2.
  let area = 0;
  let prevX = 0;
  let prevY = 0;
  for (let i = 1; i < length; i++) {
    const x = fps[i] / negatives;
    const y = tps[i] / positives;
    area += ((x - prevX) * (y + prevY)) / 2;
    prevX = x;
    prevY = y;
  }
  return area;
}
