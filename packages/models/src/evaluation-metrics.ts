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
    if (roc && (options.keepRoc ?? true)) out.roc = { fpr: Array.from(roc.fpr), tpr: Array.from(roc.tpr) };
    return out;
  }
  const predicted = argmax(ev.predictions, ev.outputSize);
  const report = classificationReport(ev.labels, predicted, { numClasses: ev.outputSize });
  return {
    loss: ev.loss,
    accuracy: report.accuracy,
    confusionMatrix: report.confusionMatrix.matrix,
    macroF1: report.macroAvg.f1,
    perClass: report.perClass.map((c) => ({ precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
  };
}

/** True for the binary variant. */
export function isBinaryEvaluation(e: MulticlassEvaluation | BinaryEvaluation): e is BinaryEvaluation {
  return (e as BinaryEvaluation).auc !== undefined;
}
