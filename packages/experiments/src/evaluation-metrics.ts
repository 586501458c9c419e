/**
 * Turns an evaluation pass (predictions and labels in dataset order, from `evaluateModel`) into the
 * metrics saved in run records: confusion matrix and per-class scores for multiclass models; for
 * binary models also precision, recall, specificity, F1 (positive = class 1) and ROC/AUC.
 */
import type { Evaluation } from '@nnlab/core';
import { argmax, binaryMetrics, classificationReport, rocAuc, rocCurve } from '@nnlab/metrics';
import type { BinaryEvaluation, MulticlassEvaluation } from './run-record';

/** Options of `evaluationMetrics`. */
export interface EvaluationMetricsOptions {
  /** Decision threshold of binary models. Default 0.5. */
  threshold?: number;
  /** Keep the ROC points (binary). Default true. */
  keepRoc?: boolean;
  /** How many of the most confidently misclassified samples to keep. Default 16. */
  topMisclassified?: number;
}

/** The `k` misclassified samples whose predicted class had the highest probability. */
export function mostConfidentMistakes(labels: Int32Array, predicted: ArrayLike<number>, confidence: ArrayLike<number>, k: number) {
  const wrong: { index: number; label: number; predicted: number; confidence: number }[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== predicted[i]) wrong.push({ index: i, label: labels[i], predicted: predicted[i], confidence: confidence[i] });
  }
  wrong.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  return wrong.slice(0, k);
}

/** Multiclass or binary metrics of one evaluation. */
export function evaluationMetrics(ev: Evaluation, options: EvaluationMetricsOptions = {}): MulticlassEvaluation | BinaryEvaluation {
  if (ev.outputSize === 1) {
    const threshold = options.threshold ?? 0.5;
    const scores = ev.predictions;
    const b = binaryMetrics(ev.labels, scores, { threshold });
    const bothClasses = b.positives > 0 && b.negatives > 0;
    const roc = bothClasses ? rocCurve(ev.labels, scores) : undefined;
    const out: BinaryEvaluation = {
      loss: ev.loss,
      accuracy: b.accuracy,
      confusionMatrix: b.matrix.map((r) => [...r]),
      threshold,
      precision: b.precision,
      recall: b.recall,
      specificity: b.specificity,
      f1: b.f1,
      auc: bothClasses ? rocAuc(ev.labels, scores) : Number.NaN,
    };
    if (roc && (options.keepRoc ?? true)) out.roc = { fpr: Array.from(roc.fpr), tpr: Array.from(roc.tpr), thresholds: Array.from(roc.thresholds) };
    const predicted = Array.from(scores, (p) => (p >= threshold ? 1 : 0));
    const confidence = Array.from(scores, (p) => (p >= threshold ? p : 1 - p));
    out.misclassified = mostConfidentMistakes(ev.labels, predicted, confidence, options.topMisclassified ?? 16);
    return out;
  }
  const predicted = argmax(ev.predictions, ev.outputSize);
  const report = classificationReport(ev.labels, predicted, { numClasses: ev.outputSize });
  const confidence = new Float32Array(predicted.length);
  for (let i = 0; i < predicted.length; i++) confidence[i] = ev.predictions[i * ev.outputSize + predicted[i]];
  return {
    loss: ev.loss,
    accuracy: report.accuracy,
    confusionMatrix: report.confusionMatrix.matrix,
    macroF1: report.macroAvg.f1,
    perClass: report.perClass.map((c) => ({ precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
    misclassified: mostConfidentMistakes(ev.labels, predicted, confidence, options.topMisclassified ?? 16),
  };
}

/** True for the binary variant. */
export function isBinaryEvaluation(e: MulticlassEvaluation | BinaryEvaluation): e is BinaryEvaluation {
  return (e as BinaryEvaluation).auc !== undefined;
}
