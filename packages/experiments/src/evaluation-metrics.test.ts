import type { Evaluation } from '@nnlab/core';
import { evaluationMetrics, isBinaryEvaluation, mostConfidentMistakes } from './evaluation-metrics';

function ev(predictions: number[], labels: number[], outputSize: number): Evaluation {
  return {
    loss: 0.5,
    accuracy: 0,
    predictions: Float32Array.from(predictions),
    targets: new Float32Array(0),
    labels: Int32Array.from(labels),
    outputSize,
    engine: { name: 'tfjs' },
  };
}

describe('evaluationMetrics', () => {
  it('multiclass: confusion matrix (rows = true), per-class scores, confident mistakes', () => {
    // 3 samples, 3 classes; sample 1 (true 1) predicted 2 with p 0.7, sample 2 (true 2) predicted 0 with p 0.5
    const m = evaluationMetrics(ev([0.8, 0.1, 0.1, 0.1, 0.2, 0.7, 0.5, 0.2, 0.3], [0, 1, 2], 3));
    expect(isBinaryEvaluation(m)).toBe(false);
    expect(m.accuracy).toBeCloseTo(1 / 3);
    expect(m.confusionMatrix).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(m.misclassified!.map((x) => [x.index, x.label, x.predicted])).toEqual([
      [1, 1, 2],
      [2, 2, 0],
    ]);
    expect(m.misclassified![0].confidence).toBeCloseTo(0.7, 6);
  });

  it('binary: threshold 0.5, pneumonia positive, AUC and ROC', () => {
    const m = evaluationMetrics(ev([0.9, 0.2, 0.6, 0.4], [1, 0, 0, 1], 1));
    if (!isBinaryEvaluation(m)) throw new Error('expected binary');
    expect(m.confusionMatrix).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(m.precision).toBeCloseTo(0.5);
    expect(m.recall).toBeCloseTo(0.5);
    expect(m.specificity).toBeCloseTo(0.5);
    expect(m.auc).toBeCloseTo(0.75);
    expect(m.roc!.fpr[0]).toBe(0);
    expect(m.misclassified!.map((x) => x.index)).toEqual([2, 3]);
  });

  it('orders mistakes by confidence, then index', () => {
    expect(mostConfidentMistakes(Int32Array.from([0, 0, 0]), [1, 1, 0], [0.6, 0.9, 0.99], 5).map((x) => x.index)).toEqual([1, 0]);
  });
});
