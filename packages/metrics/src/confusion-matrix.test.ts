import { confusionMatrix, matrixRows } from './confusion-matrix';
import { MetricsInputError } from './errors';
import { loadSklearnFixtures } from './testing/sklearn-fixtures';

describe('confusionMatrix', () => {
  it('puts true classes on rows and predictions on columns', () => {
    const cm = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2]);
    expect(cm).toEqual({
      numClasses: 3,
      matrix: [
        [1, 1, 0],
        [0, 1, 0],
        [1, 0, 2],
      ],
    });
  });

  it('infers K from the largest label in either array', () => {
    expect(confusionMatrix([0, 1], [0, 3]).numClasses).toBe(4);
    expect(confusionMatrix([4, 1], [0, 1]).numClasses).toBe(5);
  });

  it('keeps classes absent from both arrays when numClasses is given', () => {
    const cm = confusionMatrix(Int32Array.from([0, 1]), Int32Array.from([0, 0]), 3);
    expect(cm.matrix).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('matches sklearn confusion_matrix(labels=range(K)) exactly', () => {
    for (const c of loadSklearnFixtures().multiclass) {
      const cm = confusionMatrix(c.yTrue, c.yPred, c.numClasses);
      expect(cm.numClasses).toBe(c.numClasses);
      expect(cm.matrix).toEqual(c.expected.confusionMatrix);
    }
  });

  it('rejects bad input with clear messages', () => {
    expect(() => confusionMatrix([0, 1], [0])).toThrow(/confusionMatrix: yTrue has 2 labels but yPred has 1/);
    expect(() => confusionMatrix([], [])).toThrow(/no labels given/);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/yTrue\[1\] is 3; class labels must be an integer in \[0, 3\)/);
    expect(() => confusionMatrix([0, 1], [0, -1])).toThrow(/yPred\[1\] is -1; class labels must be a non-negative integer/);
    expect(() => confusionMatrix([0, 1.5], [0, 1])).toThrow(/yTrue\[1\] is 1.5/);
    expect(() => confusionMatrix([0, NaN], [0, 1])).toThrow(/yTrue\[1\] is NaN/);
    expect(() => confusionMatrix([0], [0], 0)).toThrow(/numClasses must be a positive integer, got 0/);
    expect(() => confusionMatrix([0], [0], 0)).toThrow(MetricsInputError);
  });
});

describe('matrixRows', () => {
  it('accepts a ConfusionMatrix or bare rows', () => {
    expect(matrixRows('f', [[1]])).toEqual([[1]]);
    expect(matrixRows('f', { numClasses: 1, matrix: [[2]] })).toEqual([[2]]);
  });

  it('rejects non-square, empty, negative and inconsistent matrices', () => {
    expect(() => matrixRows('f', [])).toThrow(/f: matrix must be a non-empty/);
    expect(() => matrixRows('f', [[1, 2], [3]])).toThrow(/row 1 has 1 entries; expected 2/);
    expect(() =>
      matrixRows('f', [
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(/matrix\[0\]\[1\] is -2/);
    expect(() => matrixRows('f', [[NaN]])).toThrow(/matrix\[0\]\[0\] is NaN/);
    expect(() => matrixRows('f', { numClasses: 2, matrix: [[1]] })).toThrow(/numClasses is 2 but matrix has 1 rows/);
  });
});
