import { classificationReport, classificationReportFromMatrix } from './classification-report';
import { confusionMatrix } from './confusion-matrix';
import { expectAllClose, loadSklearnFixtures, SKLEARN_TOLERANCE } from './testing/sklearn-fixtures';

describe('classificationReport', () => {
  it('matches sklearn on every multiclass fixture', () => {
    for (const c of loadSklearnFixtures().multiclass) {
      const r = classificationReport(c.yTrue, c.yPred, { numClasses: c.numClasses });
      expect(r.numClasses).toBe(c.numClasses);
      expect(r.total).toBe(c.yTrue.length);
      expect(r.confusionMatrix.matrix).toEqual(c.expected.confusionMatrix);
      expect(Math.abs(r.accuracy - c.expected.accuracy)).toBeLessThanOrEqual(SKLEARN_TOLERANCE);
      expectAllClose(
        r.perClass.map((m) => m.precision),
        c.expected.precision,
      );
      expectAllClose(
        r.perClass.map((m) => m.recall),
        c.expected.recall,
      );
      expectAllClose(
        r.perClass.map((m) => m.f1),
        c.expected.f1,
      );
      expectAllClose([r.macroAvg.precision, r.macroAvg.recall, r.macroAvg.f1], [c.expected.macro.precision, c.expected.macro.recall, c.expected.macro.f1]);
      expectAllClose(
        [r.weightedAvg.precision, r.weightedAvg.recall, r.weightedAvg.f1],
        [c.expected.weighted.precision, c.expected.weighted.recall, c.expected.weighted.f1],
      );
    }
  });

  it('names the most confused classes', () => {
    const r = classificationReport([4, 4, 4, 9, 9, 1], [9, 9, 4, 4, 9, 1], { topK: 2 });
    expect(r.topConfusions).toEqual([
      { trueLabel: 4, predictedLabel: 9, count: 2, fractionOfTrue: 2 / 3 },
      { trueLabel: 9, predictedLabel: 4, count: 1, fractionOfTrue: 1 / 2 },
    ]);
    expect(r.perClass[4]).toMatchObject({ falsePositives: 1, falseNegatives: 2 });
    expect(r.perClass[9]).toMatchObject({ falsePositives: 2, falseNegatives: 1 });
    expect(r.numClasses).toBe(10);
  });

  it('gives the same report from the matrix or its bare rows', () => {
    const cm = confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1]);
    const fromLabels = classificationReport([0, 1, 2, 2], [0, 2, 2, 1]);
    expect(classificationReportFromMatrix(cm)).toEqual(fromLabels);
    expect(classificationReportFromMatrix(cm.matrix)).toEqual(fromLabels);
  });

  it('propagates input errors', () => {
    expect(() => classificationReport([0, 1], [1])).toThrow(/confusionMatrix: yTrue has 2 labels but yPred has 1/);
    expect(() => classificationReportFromMatrix([[1, 2]])).toThrow(/classificationReportFromMatrix: matrix row 0/);
  });
});
