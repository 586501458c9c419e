import { matrixRows, type ConfusionMatrixInput } from './confusion-matrix';

/** One class's counts and scores, read off a confusion matrix (one-vs-rest). */
export interface ClassMetrics {
  /** The class index (row/column of the confusion matrix). */
  label: number;
  /** tp / (tp + fp); 0 when the class is never predicted (sklearn `zero_division=0`). */
  precision: number;
  /** tp / (tp + fn); 0 when the class never occurs in yTrue (sklearn `zero_division=0`). */
  recall: number;
  /** Harmonic mean 2·P·R / (P + R); 0 when P + R = 0. */
  f1: number;
  /** Samples whose true class is this one (row sum). */
  support: number;
  /** Samples predicted as this class (column sum). */
  predicted: number;
  /** Samples of this class predicted as this class (the diagonal entry). */
  truePositives: number;
  /** Samples of other classes predicted as this class (column sum − diagonal). */
  falsePositives: number;
  /** Samples of this class predicted as another class (row sum − diagonal). */
  falseNegatives: number;
  /** Samples neither of nor predicted as this class. */
  trueNegatives: number;
}

/**
 * Per-class precision, recall, F1, support and tp/fp/fn/tn from a confusion matrix (rows = true
 * class). Equals sklearn `precision_recall_fscore_support(average=None, labels=range(K),
 * zero_division=0)`.
 */
export function perClassMetrics(cm: ConfusionMatrixInput): ClassMetrics[] {
  const rows = matrixRows('perClassMetrics', cm);
  const k = rows.length;
  const colSums = new Float64Array(k);
  const rowSums = new Float64Array(k);
  let total = 0;
  for (let t = 0; t < k; t++) {
    const row = rows[t];
    let s = 0;
    for (let p = 0; p < k; p++) {
      s += row[p];
      colSums[p] += row[p];
    }
    rowSums[t] = s;
    total += s;
  }
  const out: ClassMetrics[] = new Array(k);
  for (let c = 0; c < k; c++) {
    const tp = rows[c][c];
    const support = rowSums[c];
    const predicted = colSums[c];
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const denom = precision + recall;
    out[c] = {
      label: c,
      precision,
      recall,
      f1: denom > 0 ? (2 * precision * recall) / denom : 0,
      support,
      predicted,
      truePositives: tp,
      falsePositives: predicted - tp,
      falseNegatives: support - tp,
      trueNegatives: total - support - predicted + tp,
    };
  }
  return out;
}
