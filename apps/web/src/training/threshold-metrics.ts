/**
 * A binary model's test results at one decision threshold: "pneumonia" when the predicted
 * probability is at least the threshold. Sensitivity (recall of the positive class) and
 * specificity (recall of the negative class) with the counts behind them.
 */

/** Counts and rates at one threshold. */
export interface ThresholdMetrics {
  threshold: number;
  truePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  falsePositives: number;
  /** TP / (TP + FN); NaN without positives. */
  sensitivity: number;
  /** TN / (TN + FP); NaN without negatives. */
  specificity: number;
}

/** The confusion counts and rates of `scores` against 0/1 `labels` at `threshold`. */
export function thresholdMetrics(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): ThresholdMetrics {
  if (labels.length !== scores.length) throw new Error(`thresholdMetrics: ${labels.length} labels but ${scores.length} scores`);
  let tp = 0;
  let fn = 0;
  let tn = 0;
  let fp = 0;
  for (let i = 0; i < labels.length; i++) {
    const positive = scores[i] >= threshold;
    if (labels[i] === 1) {
      if (positive) tp++;
      else fn++;
    } else if (positive) fp++;
    else tn++;
  }
  return { threshold, truePositives: tp, falseNegatives: fn, trueNegatives: tn, falsePositives: fp, sensitivity: tp / (tp + fn), specificity: tn / (tn + fp) };
}
