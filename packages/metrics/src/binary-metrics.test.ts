import { binaryMetrics, DEFAULT_THRESHOLD } from './binary-metrics';
import { MetricsInputError } from './errors';
import { loadSklearnFixtures, SKLEARN_TOLERANCE } from './testing/sklearn-fixtures';

function close(a: number, b: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(SKLEARN_TOLERANCE);
}

describe('binaryMetrics', () => {
  it('counts with score >= threshold as positive', () => {
    const m = binaryMetrics([0, 0, 1, 1, 1], [0.1, 0.5, 0.5, 0.9, 0.2]);
    expect(m.threshold).toBe(DEFAULT_THRESHOLD);
    expect(m).toMatchObject({ tn: 1, fp: 1, fn: 1, tp: 2, total: 5, negatives: 2, positives: 3 });
    expect(m.matrix).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(m.accuracy).toBeCloseTo(3 / 5, 15);
    expect(m.precision).toBeCloseTo(2 / 3, 15);
    expect(m.recall).toBeCloseTo(2 / 3, 15);
    expect(m.specificity).toBeCloseTo(1 / 2, 15);
    expect(m.f1).toBeCloseTo(2 / 3, 15);
  });

  it('honours a custom threshold, including ±Infinity', () => {
    expect(binaryMetrics([0, 1], [0.2, 0.4], { threshold: 0.3 })).toMatchObject({ tn: 1, tp: 1 });
    expect(binaryMetrics([0, 1], [0.2, 0.4], { threshold: Infinity })).toMatchObject({ tp: 0, fp: 0, precision: 0, f1: 0 });
    expect(binaryMetrics([0, 1], [0.2, 0.4], { threshold: -Infinity })).toMatchObject({ tp: 1, fp: 1, specificity: 0 });
  });

  it('returns 0 for undefined ratios (single class)', () => {
    expect(binaryMetrics([0, 0], [0.1, 0.2])).toMatchObject({ recall: 0, precision: 0, f1: 0, specificity: 1, accuracy: 1 });
    expect(binaryMetrics([1, 1], [0.7, 0.2])).toMatchObject({ recall: 0.5, precision: 1, specificity: 0 });
  });

  it('matches sklearn on every binary fixture', () => {
    for (const c of loadSklearnFixtures().binary) {
      const m = binaryMetrics(c.yTrue, c.scores, { threshold: c.threshold });
      const e = c.expected;
      expect([m.tn, m.fp, m.fn, m.tp]).toEqual([e.tn, e.fp, e.fn, e.tp]);
      expect(m.matrix).toEqual(e.matrix);
      close(m.accuracy, e.accuracy);
      close(m.precision, e.precision);
      close(m.recall, e.recall);
      close(m.specificity, e.specificity);
      close(m.f1, e.f1);
    }
  });

  it('works on Float32Array scores and Uint8Array labels', () => {
    const m = binaryMetrics(Uint8Array.from([0, 1, 1]), Float32Array.from([0.2, 0.8, 0.4]));
    expect(m).toMatchObject({ tn: 1, tp: 1, fn: 1, fp: 0 });
  });

  it('rejects bad input with clear messages', () => {
    expect(() => binaryMetrics([0, 1], [0.5])).toThrow(/binaryMetrics: yTrue has 2 labels but scores has 1/);
    expect(() => binaryMetrics([], [])).toThrow(/binaryMetrics: no labels given/);
    expect(() => binaryMetrics([0, 2], [0.1, 0.2])).toThrow(/yTrue\[1\] is 2; binary labels must be 0 or 1/);
    expect(() => binaryMetrics([0, 1], [0.1, NaN])).toThrow(/scores\[1\] is NaN; scores must be finite numbers/);
    expect(() => binaryMetrics([0, 1], [Infinity, 0.1])).toThrow(/scores\[0\] is Infinity/);
    expect(() => binaryMetrics([0, 1], [0.1, 0.2], { threshold: NaN })).toThrow(/threshold is NaN/);
    expect(() => binaryMetrics([0, 1], [0.5])).toThrow(MetricsInputError);
  });
});
