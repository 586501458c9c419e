import { rocAuc } from './roc-auc';
import { loadSklearnFixtures, SKLEARN_TOLERANCE } from './testing/sklearn-fixtures';

/** O(P·N) definition: P(score of a positive > score of a negative) + ½ P(tie). */
function pairwiseAuc(y: number[], s: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (s[i] > s[j]) wins += 1;
      else if (s[i] === s[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

describe('rocAuc', () => {
  it('matches sklearn roc_auc_score on every fixture (ties, imbalance, perfect, all wrong)', () => {
    for (const c of loadSklearnFixtures().binary) {
      const auc = rocAuc(c.yTrue, c.scores);
      expect(Math.abs(auc - c.expected.auc)).toBeLessThanOrEqual(SKLEARN_TOLERANCE);
      expect(Math.abs(auc - pairwiseAuc(c.yTrue, c.scores))).toBeLessThanOrEqual(SKLEARN_TOLERANCE);
    }
  });

  it('gives the known values', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 15);
    expect(rocAuc([0, 1], [0.2, 0.9])).toBe(1);
    expect(rocAuc([0, 1], [0.9, 0.2])).toBe(0);
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('is fast on 100k samples', () => {
    const n = 100_000;
    const y = new Uint8Array(n);
    const s = new Float32Array(n);
    let seed = 1;
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      y[i] = seed & 1;
      s[i] = (seed % 1000) / 1000 + 0.3 * y[i];
    }
    const t0 = performance.now();
    const auc = rocAuc(y, s);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(auc).toBeGreaterThan(0.5);
  });

  it('rejects a single class, NaN, and mismatched or empty input', () => {
    expect(() => rocAuc([0, 0], [0.1, 0.2])).toThrow(/rocAuc: only one class present in yTrue \(0 positives, 2 negatives\)/);
    expect(() => rocAuc([0, 1], [0.1, NaN])).toThrow(/rocAuc: scores\[1\] is NaN/);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(/rocAuc: yTrue has 2 labels but scores has 1/);
    expect(() => rocAuc([], [])).toThrow(RangeError);
  });
});
