// The public entry end to end on small examples worked by hand (the same values scikit-learn gives:
// classification_report, roc_curve's docstring example), so a broken export or a wrong re-export
// fails here, not only in the unit tests beside each function.
import * as metrics from './index';

const yTrue = [0, 0, 1, 1, 2, 2, 2];
const yPred = [0, 1, 1, 1, 2, 0, 2];

describe('@nnlab/metrics entry', () => {
  it('multiclass: accuracy, confusion matrix, per-class scores and averages agree with hand counts', () => {
    expect(metrics.accuracy(yTrue, yPred)).toBeCloseTo(5 / 7, 12);
    const cm = metrics.confusionMatrix(yTrue, yPred);
    expect(cm).toEqual({
      numClasses: 3,
      matrix: [
        [1, 1, 0],
        [0, 2, 0],
        [1, 0, 2],
      ],
    });
    const perClass = metrics.perClassMetrics(cm);
    expect(perClass.map((c) => [c.precision, c.recall, c.f1])).toEqual([
      [0.5, 0.5, 0.5],
      [2 / 3, 1, expect.closeTo(0.8, 12)],
      [1, 2 / 3, expect.closeTo(0.8, 12)],
    ]);
    const macro = metrics.macroAverage(perClass);
    expect(macro.precision).toBeCloseTo((0.5 + 2 / 3 + 1) / 3, 12);
    expect(macro.f1).toBeCloseTo(0.7, 12);
    expect(macro.support).toBe(7);
    const weighted = metrics.weightedAverage(perClass);
    expect(weighted.recall).toBeCloseTo(5 / 7, 12);
    expect(weighted.f1).toBeCloseTo((0.5 * 2 + 0.8 * 2 + 0.8 * 3) / 7, 12);
  });

  it('the report from labels equals the report from its confusion matrix, with the two confusions', () => {
    const report = metrics.classificationReport(yTrue, yPred);
    expect(metrics.classificationReportFromMatrix(report.confusionMatrix)).toEqual(report);
    expect(report.accuracy).toBeCloseTo(5 / 7, 12);
    const confusions = metrics.topConfusions(report.confusionMatrix, 5).map((c) => [c.trueLabel, c.predictedLabel, c.count]);
    expect(confusions).toHaveLength(2);
    expect(confusions).toEqual(
      expect.arrayContaining([
        [0, 1, 1],
        [2, 0, 1],
      ]),
    );
  });

  it('argmax picks each row’s largest probability', () => {
    expect(Array.from(metrics.argmax([0.1, 0.7, 0.2, 0.5, 0.4, 0.1], 3))).toEqual([1, 0]);
  });

  it('binary: ROC curve, AUC and thresholded counts (scikit-learn roc_curve example)', () => {
    const y = [0, 0, 1, 1];
    const scores = [0.1, 0.4, 0.35, 0.8];
    const roc = metrics.rocCurve(y, scores);
    expect(roc.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(roc.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(roc.thresholds.slice(1)).toEqual([0.8, 0.4, 0.35, 0.1]);
    expect(metrics.rocAuc(y, scores)).toBeCloseTo(0.75, 12);
    const b = metrics.binaryMetrics(y, scores); // threshold 0.5: only 0.8 is positive
    expect([b.tn, b.fp, b.fn, b.tp]).toEqual([2, 0, 1, 1]);
  });

  it('chart specs carry the numbers they plot', () => {
    const spec = metrics.buildConfusionMatrixSpec(metrics.confusionMatrix(yTrue, yPred)) as unknown as { data: { values: { count: number }[] } };
    expect(spec.data.values.map((v) => v.count)).toEqual([1, 1, 0, 0, 2, 0, 1, 0, 2]);
  });

  it('bad input is a MetricsInputError (a RangeError) naming the function', () => {
    expect(() => metrics.accuracy([0, 1], [0])).toThrow(metrics.MetricsInputError);
    expect(() => metrics.confusionMatrix([0, 1.5], [0, 1])).toThrow(RangeError);
    expect(() => metrics.rocAuc([1, 1], [0.2, 0.3])).toThrow(/rocAuc/);
  });
});
