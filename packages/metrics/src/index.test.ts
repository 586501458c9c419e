import * as metrics from './index';

describe('@nnlab/metrics entry', () => {
  it('exports the public API', () => {
    for (const name of [
      'accuracy',
      'argmax',
      'confusionMatrix',
      'perClassMetrics',
      'macroAverage',
      'weightedAverage',
      'topConfusions',
      'classificationReport',
      'classificationReportFromMatrix',
      'binaryMetrics',
      'rocCurve',
      'rocAuc',
      'buildHistorySpec',
      'buildConfusionMatrixSpec',
      'buildRocSpec',
    ] as const) {
      expect(typeof metrics[name]).toBe('function');
    }
    expect(metrics.MetricsInputError.prototype).toBeInstanceOf(RangeError);
  });
});
