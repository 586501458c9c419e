import { MetricsInputError } from './errors';
import { checkBinaryLabels, checkFiniteScores, checkPaired } from './validate';

/** Default decision threshold of {@link binaryMetrics}: positive when `score >= 0.5`. */
export const DEFAULT_THRESHOLD = 0.5;

/** Options of {@link binaryMetrics}. */
export interface BinaryMetricsOptions {
  /**
   * A sample is predicted positive (1) when `score >= threshold`, the rule behind sklearn's
   * `roc_curve` thresholds. Default {@link DEFAULT_THRESHOLD}.
   */
  threshold?: number;
}

/** Thresholded binary classification results, positive class = 1 (e.g. pneumonia). */
export interface BinaryMetrics {
  /** The threshold used. */
  threshold: number;
  /** Number of samples, and how many are truly negative (0) / positive (1). */
  total: number;
  negatives: number;
  positives: number;
  /** True negatives, false positives, false negatives, true positives. */
  tn: number;
  fp: number;
  fn: number;
  tp: number;
  /** `[[tn, fp], [fn, tp]]`: rows = true class (0, 1), columns = predicted (sklearn layout). */
  matrix: [[number, number], [number, number]];
  /** (tp + tn) / total. */
  accuracy: number;
  /** tp / (tp + fp), positive predictive value; 0 when nothing is predicted positive. */
  precision: number;
  /** tp / (tp + fn): recall = sensitivity = true positive rate; 0 when there are no positives. */
  recall: number;
  /** tn / (tn + fp): true negative rate (sklearn recall of class 0); 0 when there are no negatives. */
  specificity: number;
  /** 2·precision·recall / (precision + recall); 0 when both are 0. */
  f1: number;
}

/**
 * Confusion counts and accuracy / precision / recall (sensitivity) / specificity / F1 of binary
 * scores at a threshold. Equals sklearn's `confusion_matrix`, `accuracy_score`,
 * `precision_score`, `recall_score` (and `recall_score(pos_label=0)` for specificity), `f1_score`
 * with `zero_division=0`, on `yPred = scores >= threshold`.
 *
 * @param yTrue 0/1 labels.
 * @param scores e.g. the model's probability of class 1.
 * @throws MetricsInputError (a RangeError) on mismatched or empty arrays, labels other than 0/1,
 *   NaN or infinite scores, or a NaN threshold.
 */
export function binaryMetrics(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: BinaryMetricsOptions = {}): BinaryMetrics {
  const fn = 'binaryMetrics';
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new MetricsInputError(`${fn}: threshold is ${String(threshold)}; it must be a number`);
  }
  const n = checkPaired(fn, 'yTrue', yTrue, 'scores', scores);
  const positives = checkBinaryLabels(fn, 'yTrue', yTrue);
  checkFiniteScores(fn, 'scores', scores);

  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    if (scores[i] >= threshold) {
      if (yTrue[i] === 1) tp++;
      else fp++;
    }
  }
  const negatives = n - positives;
  const fnCount = positives - tp;
  const tn = negatives - fp;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = positives > 0 ? tp / positives : 0;
  const denom = precision + recall;
  return {
    threshold,
    total: n,
    negatives,
    positives,
    tn,
    fp,
    fn: fnCount,
    tp,
    matrix: [
      [tn, fp],
      [fnCount, tp],
    ],
    accuracy: (tp + tn) / n,
    precision,
    recall,
    specificity: negatives > 0 ? tn / negatives : 0,
    f1: denom > 0 ? (2 * precision * recall) / denom : 0,
  };
}
