import { accuracy } from './accuracy';
import { MetricsInputError } from './errors';
import { loadSklearnFixtures, SKLEARN_TOLERANCE } from './testing/sklearn-fixtures';

describe('accuracy', () => {
  it('counts matches', () => {
    expect(accuracy([0, 1, 2, 3], [0, 1, 1, 3])).toBeCloseTo(0.75);
  });

  it('accepts typed arrays', () => {
    expect(accuracy(Int32Array.from([1, 1]), Uint8Array.from([1, 0]))).toBe(0.5);
  });

  it('matches sklearn accuracy_score', () => {
    for (const c of loadSklearnFixtures().multiclass) {
      expect(Math.abs(accuracy(c.yTrue, c.yPred) - c.expected.accuracy)).toBeLessThanOrEqual(SKLEARN_TOLERANCE);
    }
  });

  it('rejects mismatched lengths', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(/2 labels but yPred has 1/);
    expect(() => accuracy([0, 1], [0])).toThrow(MetricsInputError);
    expect(() => accuracy([0, 1], [0])).toThrow(RangeError);
  });

  it('rejects empty input', () => {
    expect(() => accuracy([], [])).toThrow(/accuracy: no labels given/);
  });
});
