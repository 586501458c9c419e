import { macroAverage, weightedAverage, type AveragedMetrics } from './class-averages';
import { confusionMatrix, matrixRows, type ConfusionMatrix, type ConfusionMatrixInput } from './confusion-matrix';
import { perClassMetrics, type ClassMetrics } from './per-class-metrics';
import { DEFAULT_TOP_CONFUSIONS, topConfusions, type Confusion } from './top-confusions';

/** Options of {@link classificationReport} and {@link classificationReportFromMatrix}. */
export interface ClassificationReportOptions {
  /** K, the number of classes; default 1 + the largest label seen (ignored for a matrix input). */
  numClasses?: number;
  /** How many of the most frequent confusions to list; default {@link DEFAULT_TOP_CONFUSIONS}. */
  topK?: number;
}

/** Everything a multiclass evaluation reports, computed from one confusion matrix. */
export interface ClassificationReport {
  /** K; classes are 0 … K-1. */
  numClasses: number;
  /** Number of samples. */
  total: number;
  /** Fraction of samples on the diagonal (sklearn `accuracy_score`). */
  accuracy: number;
  /** Rows = true class, columns = predicted class. */
  confusionMatrix: ConfusionMatrix;
  /** Precision, recall, F1, support, tp/fp/fn/tn per class (sklearn `zero_division=0`). */
  perClass: ClassMetrics[];
  /** Unweighted mean over the K classes (sklearn `average='macro'`). */
  macroAvg: AveragedMetrics;
  /** Support-weighted mean (sklearn `average='weighted'`). */
  weightedAvg: AveragedMetrics;
  /** The most frequent (true → predicted) mistakes, largest first. */
  topConfusions: Confusion[];
}

/**
 * Confusion matrix, accuracy, per-class precision/recall/F1/support, macro and weighted averages and
 * the most frequent confusions, in one pass over the labels (sklearn `classification_report` with
 * `labels=range(K)`, `zero_division=0`).
 *
 * @throws MetricsInputError (a RangeError) as {@link confusionMatrix} does.
 */
export function classificationReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ClassificationReportOptions = {}): ClassificationReport {
  const cm = confusionMatrix(yTrue, yPred, options.numClasses);
  return classificationReportFromMatrix(cm, options);
}

/** {@link classificationReport} from an existing confusion matrix (rows = true class). */
export function classificationReportFromMatrix(cm: ConfusionMatrixInput, options: Pick<ClassificationReportOptions, 'topK'> = {}): ClassificationReport {
  const rows = matrixRows('classificationReportFromMatrix', cm);
  const matrix: ConfusionMatrix = Array.isArray(cm) ? { numClasses: rows.length, matrix: rows.map((r) => r.slice()) } : (cm as ConfusionMatrix);
  const perClass = perClassMetrics(matrix);
  let total = 0;
  let correct = 0;
  for (const c of perClass) {
    total += c.support;
    correct += c.truePositives;
  }
  return {
    numClasses: rows.length,
    total,
    accuracy: total > 0 ? correct / total : 0,
    confusionMatrix: matrix,
    perClass,
    macroAvg: macroAverage(perClass),
    weightedAvg: weightedAverage(perClass),
    topConfusions: topConfusions(matrix, options.topK ?? DEFAULT_TOP_CONFUSIONS),
  };
}
