import { DEFAULT_DROP_INTERMEDIATE, rocCurve } from './roc-curve';
import { expectAllClose, loadSklearnFixtures } from './testing/sklearn-fixtures';

describe('rocCurve', () => {
  it('reproduces the sklearn documentation example', () => {
    // sklearn: fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [1.8, 0.8, 0.4, 0.35, 0.1]
    const roc = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(roc.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(roc.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expectAllClose(roc.thresholds, [1.8, 0.8, 0.4, 0.35, 0.1]);
  });

  it('matches sklearn 1.2 roc_curve (drop_intermediate=True) on every fixture', () => {
    expect(DEFAULT_DROP_INTERMEDIATE).toBe(true);
    for (const c of loadSklearnFixtures().binary) {
      const roc = rocCurve(c.yTrue, c.scores);
      expectAllClose(roc.fpr, c.expected.roc.fpr);
      expectAllClose(roc.tpr, c.expected.roc.tpr);
      expectAllClose(roc.thresholds, c.expected.roc.thresholds);
    }
  });

  it('matches sklearn roc_curve(drop_intermediate=False) on every fixture', () => {
    for (const c of loadSklearnFixtures().binary) {
      const roc = rocCurve(c.yTrue, c.scores, { dropIntermediate: false });
      expectAllClose(roc.fpr, c.expected.rocAll.fpr);
      expectAllClose(roc.tpr, c.expected.rocAll.tpr);
      expectAllClose(roc.thresholds, c.expected.rocAll.thresholds);
    }
  });

  it('starts at (0, 0) with threshold max + 1 and ends at (1, 1)', () => {
    const roc = rocCurve([1, 0, 1, 0], [-3, -1, 2.5, 0]);
    expect(roc.thresholds[0]).toBe(3.5);
    expect([roc.fpr[0], roc.tpr[0]]).toEqual([0, 0]);
    expect([roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([1, 1]);
  });

  it('turns tied scores into one diagonal step', () => {
    const roc = rocCurve([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]);
    expect(roc).toEqual({ fpr: [0, 1], tpr: [0, 1], thresholds: [1.5, 0.5] });
  });

  it('accepts typed arrays', () => {
    const roc = rocCurve(Int32Array.from([0, 0, 1, 1]), Float32Array.from([0.25, 0.5, 0.75, 1]));
    expect(roc.tpr).toEqual([0, 0.5, 1, 1]);
    expect(roc.fpr).toEqual([0, 0, 0, 1]);
  });

  it('rejects bad input with clear messages', () => {
    expect(() => rocCurve([0, 1], [0.5])).toThrow(/rocCurve: yTrue has 2 labels but scores has 1/);
    expect(() => rocCurve([], [])).toThrow(/rocCurve: no labels given/);
    expect(() => rocCurve([1, 1], [0.2, 0.3])).toThrow(/rocCurve: only one class present in yTrue \(2 positives, 0 negatives\)/);
    expect(() => rocCurve([0, 1], [NaN, 0.3])).toThrow(/rocCurve: scores\[0\] is NaN/);
    expect(() => rocCurve([0, -1], [0.1, 0.3])).toThrow(/yTrue\[1\] is -1/);
  });
});
