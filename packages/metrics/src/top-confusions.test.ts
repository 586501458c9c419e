import { confusionMatrix } from './confusion-matrix';
import { DEFAULT_TOP_CONFUSIONS, topConfusions } from './top-confusions';
import { loadSklearnFixtures } from './testing/sklearn-fixtures';

describe('topConfusions', () => {
  const m = [
    [10, 3, 0],
    [1, 8, 3],
    [0, 5, 2],
  ];

  it('lists off-diagonal cells, largest first, ties by true then predicted label', () => {
    expect(topConfusions(m, 3)).toEqual([
      { trueLabel: 2, predictedLabel: 1, count: 5, fractionOfTrue: 5 / 7 },
      { trueLabel: 0, predictedLabel: 1, count: 3, fractionOfTrue: 3 / 13 },
      { trueLabel: 1, predictedLabel: 2, count: 3, fractionOfTrue: 3 / 12 },
    ]);
  });

  it('never lists zero cells or the diagonal', () => {
    const all = topConfusions(m, Infinity);
    expect(all).toHaveLength(4);
    expect(all.every((c) => c.count > 0 && c.trueLabel !== c.predictedLabel)).toBe(true);
    expect(
      topConfusions(
        [
          [4, 0],
          [0, 4],
        ],
        3,
      ),
    ).toEqual([]);
  });

  it(`defaults to k = ${DEFAULT_TOP_CONFUSIONS} and accepts a ConfusionMatrix`, () => {
    const c = loadSklearnFixtures().multiclass.find((x) => x.name === 'ten-classes-from-probs');
    if (!c) throw new Error('fixture missing');
    const top = topConfusions(confusionMatrix(c.yTrue, c.yPred, 10));
    expect(top).toHaveLength(DEFAULT_TOP_CONFUSIONS);
    // Cross-check against a brute-force ranking of the sklearn matrix.
    const cells: [number, number, number][] = [];
    c.expected.confusionMatrix.forEach((row, t) => row.forEach((v, p) => t !== p && v > 0 && cells.push([t, p, v])));
    cells.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
    expect(top.map((x) => [x.trueLabel, x.predictedLabel, x.count])).toEqual(cells.slice(0, DEFAULT_TOP_CONFUSIONS));
    // The fixture boosts 4->9, 3->5, 7->1 and 9->4; they should be at the top.
    expect(
      top
        .slice(0, 4)
        .map((x) => `${x.trueLabel}->${x.predictedLabel}`)
        .sort(),
    ).toEqual(['3->5', '4->9', '7->1', '9->4']);
  });

  it('rejects a bad k', () => {
    expect(() => topConfusions(m, -1)).toThrow(/topConfusions: k must be a non-negative integer or Infinity, got -1/);
    expect(() => topConfusions(m, 1.5)).toThrow(RangeError);
    expect(topConfusions(m, 0)).toEqual([]);
  });
});
