import { confusionMatrix } from './confusion-matrix';
import { perClassMetrics } from './per-class-metrics';
import { expectAllClose, loadSklearnFixtures } from './testing/sklearn-fixtures';

describe('perClassMetrics', () => {
  it('reads tp/fp/fn/tn and the ratios off the matrix', () => {
    // rows = true: class 0 has 3 samples (2 right, 1 read as 1); class 1 has 2 (1 right, 1 read as 0).
    const [c0, c1] = perClassMetrics([
      [2, 1],
      [1, 1],
    ]);
    expect(c0).toEqual({
      label: 0,
      precision: 2 / 3,
      recall: 2 / 3,
      f1: 2 / 3,
      support: 3,
      predicted: 3,
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    expect(c1).toMatchObject({ label: 1, precision: 0.5, recall: 0.5, support: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 2 });
  });

  it('gives 0 where a ratio is undefined (zero_division=0)', () => {
    const [, , c2] = perClassMetrics([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    expect(c2).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
  });

  it('matches sklearn precision_recall_fscore_support(average=None, zero_division=0)', () => {
    for (const c of loadSklearnFixtures().multiclass) {
      const per = perClassMetrics(confusionMatrix(c.yTrue, c.yPred, c.numClasses));
      expectAllClose(
        per.map((m) => m.precision),
        c.expected.precision,
      );
      expectAllClose(
        per.map((m) => m.recall),
        c.expected.recall,
      );
      expectAllClose(
        per.map((m) => m.f1),
        c.expected.f1,
      );
      expect(per.map((m) => m.support)).toEqual(c.expected.support);
      // fp / fn are the column / row sums minus the diagonal.
      const m = c.expected.confusionMatrix;
      per.forEach((pc, k) => {
        const col = m.reduce((s, row) => s + row[k], 0);
        const row = m[k].reduce((s, v) => s + v, 0);
        expect(pc.falsePositives).toBe(col - m[k][k]);
        expect(pc.falseNegatives).toBe(row - m[k][k]);
        expect(pc.truePositives + pc.falsePositives + pc.falseNegatives + pc.trueNegatives).toBe(c.yTrue.length);
      });
    }
  });

  it('rejects a malformed matrix', () => {
    expect(() => perClassMetrics([[1, 2]])).toThrow(/perClassMetrics: matrix row 0 has 2 entries; expected 1/);
  });
});
