import { macroAverage, weightedAverage } from './class-averages';
import { confusionMatrix } from './confusion-matrix';
import { perClassMetrics } from './per-class-metrics';
import { loadSklearnFixtures, SKLEARN_TOLERANCE } from './testing/sklearn-fixtures';

function close(a: number, b: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(SKLEARN_TOLERANCE);
}

describe('macroAverage / weightedAverage', () => {
  it('match sklearn average="macro" and "weighted" (zero_division=0)', () => {
    for (const c of loadSklearnFixtures().multiclass) {
      const per = perClassMetrics(confusionMatrix(c.yTrue, c.yPred, c.numClasses));
      const macro = macroAverage(per);
      const weighted = weightedAverage(per);
      close(macro.precision, c.expected.macro.precision);
      close(macro.recall, c.expected.macro.recall);
      close(macro.f1, c.expected.macro.f1);
      close(weighted.precision, c.expected.weighted.precision);
      close(weighted.recall, c.expected.weighted.recall);
      close(weighted.f1, c.expected.weighted.f1);
      expect(macro.support).toBe(c.yTrue.length);
      expect(weighted.support).toBe(c.yTrue.length);
    }
  });

  it('macro F1 is the mean of per-class F1, not the F1 of the means', () => {
    const per = perClassMetrics([
      [5, 0],
      [5, 0],
    ]);
    expect(macroAverage(per).f1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('returns zeros for no classes or no samples', () => {
    expect(macroAverage([])).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(
      weightedAverage(
        perClassMetrics([
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });
});
