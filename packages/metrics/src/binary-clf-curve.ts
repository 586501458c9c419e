// Internal: the ranking pass behind rocCurve / rocAuc (sklearn's `_binary_clf_curve` plus the
// drop_intermediate step and the extra first point of `roc_curve`, scikit-learn 1.2).
import { MetricsInputError } from './errors';
import { checkBinaryLabels, checkFiniteScores, checkPaired } from './validate';

/** Cumulative counts at each kept threshold, in decreasing threshold order. */
export interface ClfCurve {
  /** Number of points. */
  length: number;
  /** False positives with `score >= thresholds[i]`. */
  fps: Float64Array;
  /** True positives with `score >= thresholds[i]`. */
  tps: Float64Array;
  thresholds: Float64Array;
  /** Number of negative (0) and positive (1) samples. */
  negatives: number;
  positives: number;
}

/**
 * Validates binary labels and scores, ranks the scores and returns one point per distinct score
 * (decreasing), optionally with collinear points dropped, preceded by the (0, 0) point whose
 * threshold is `max(score) + 1` (what scikit-learn 1.2 emits; later versions use +Infinity).
 *
 * Instead of sorting indices, positives' and negatives' scores are sorted separately (native
 * numeric sort of two Float64Arrays) and merged from the top, which gives the same tie groups.
 * @throws MetricsInputError when lengths differ, input is empty, a label is not 0/1, a score is
 *   not finite, or only one class is present.
 */
export function rocPoints(fn: string, yTrue: ArrayLike<number>, scores: ArrayLike<number>, dropIntermediate: boolean): ClfCurve {
  const n = checkPaired(fn, 'yTrue', yTrue, 'scores', scores);
  const positives = checkBinaryLabels(fn, 'yTrue', yTrue);
  checkFiniteScores(fn, 'scores', scores);
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new MetricsInputError(`${fn}: only one class present in yTrue (${positives} positives, ${negatives} negatives); ` + 'ROC needs both 0 and 1 labels');
  }

  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (yTrue[i] === 1) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();

  // Slot 0 is reserved for the extra (0, 0) point.
  const fps = new Float64Array(n + 1);
  const tps = new Float64Array(n + 1);
  const thr = new Float64Array(n + 1);
  let m = 1;
  let i = positives - 1;
  let j = negatives - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
    while (i >= 0 && pos[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    fps[m] = fp;
    tps[m] = tp;
    thr[m] = v;
    m++;
  }

  // drop_intermediate: keep the ends and every point where the second difference of fps or tps is
  // non-zero (corners of the step curve), among the points before the extra one.
  let length = m;
  if (dropIntermediate && m - 1 > 2) {
    let w = 2;
    for (let r = 2; r < m - 1; r++) {
      if (fps[r - 1] - 2 * fps[r] + fps[r + 1] !== 0 || tps[r - 1] - 2 * tps[r] + tps[r + 1] !== 0) {
        fps[w] = fps[r];
        tps[w] = tps[r];
        thr[w] = thr[r];
        w++;
      }
    }
    fps[w] = fps[m - 1];
    tps[w] = tps[m - 1];
    thr[w] = thr[m - 1];
    length = w + 1;
  }
  fps[0] = 0;
  tps[0] = 0;
  thr[0] = thr[1] + 1;
  return {
    length,
    fps: fps.subarray(0, length),
    tps: tps.subarray(0, length),
    thresholds: thr.subarray(0, length),
    negatives,
    positives,
  };
}
