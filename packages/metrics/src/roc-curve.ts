import { rocPoints } from './binary-clf-curve';

/** Whether {@link rocCurve} drops collinear points by default (sklearn's default). */
export const DEFAULT_DROP_INTERMEDIATE = true;

/** Points of a ROC curve, in order of decreasing threshold (increasing fpr and tpr). */
export interface RocCurve {
  /** False positive rate fp / negatives (1 − specificity) at each threshold. */
  fpr: number[];
  /** True positive rate tp / positives (recall, sensitivity) at each threshold. */
  tpr: number[];
  /**
   * A sample counts as positive when `score >= thresholds[i]`. `thresholds[0]` is
   * `max(scores) + 1` (the point (0, 0)), as in scikit-learn 1.2; scikit-learn ≥ 1.3 uses
   * `Infinity` there instead. The rest are the distinct scores that remain, decreasing.
   */
  thresholds: number[];
}

/** Options of {@link rocCurve}. */
export interface RocCurveOptions {
  /**
   * Drop points that lie on a straight segment between their neighbours (they do not change the
   * curve's shape or area), like sklearn's `drop_intermediate`. Default
   * {@link DEFAULT_DROP_INTERMEDIATE}.
   */
  dropIntermediate?: boolean;
}

/**
 * Receiver operating characteristic of binary scores, positive class = 1. Emits the same points as
 * scikit-learn 1.2 `roc_curve(yTrue, scores, drop_intermediate=…)`: one point per distinct score
 * (ties form one diagonal step), collinear points dropped by default, and a first point (0, 0)
 * with threshold `max(scores) + 1`.
 *
 * Unlike sklearn, which warns and returns NaN rates, a `yTrue` holding a single class throws.
 *
 * @param yTrue 0/1 labels.
 * @param scores higher = more likely positive (probabilities, logits, decision values).
 * @throws MetricsInputError (a RangeError) on mismatched or empty arrays, labels other than 0/1,
 *   NaN or infinite scores, or a single class in `yTrue`.
 */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: RocCurveOptions = {}): RocCurve {
  const { fps, tps, thresholds, negatives, positives, length } = rocPoints('rocCurve', yTrue, scores, options.dropIntermediate ?? DEFAULT_DROP_INTERMEDIATE);
  const fpr: number[] = new Array(length);
  const tpr: number[] = new Array(length);
  for (let i = 0; i < length; i++) {
    fpr[i] = fps[i] / negatives;
    tpr[i] = tps[i] / positives;
  }
  return { fpr, tpr, thresholds: Array.from(thresholds) };
}
