import { MetricsInputError } from './errors';
import { checkBinaryLabels, checkClassCount, checkClassLabels, checkFiniteScores, checkPaired } from './validate';

describe('input checks', () => {
  it('checkPaired returns the common length or names the mismatch', () => {
    expect(checkPaired('f', 'a', [1, 2], 'b', [3, 4])).toBe(2);
    expect(() => checkPaired('f', 'a', [1, 2], 'b', [3])).toThrow('f: a has 2 labels but b has 1');
    expect(() => checkPaired('f', 'a', [], 'b', [])).toThrow(MetricsInputError);
  });

  it('checkBinaryLabels counts positives and rejects other values', () => {
    expect(checkBinaryLabels('f', 'y', [0, 1, 1])).toBe(2);
    expect(() => checkBinaryLabels('f', 'y', [0, 0.5])).toThrow('f: y[1] is 0.5; binary labels must be 0 or 1 (positive class = 1)');
  });

  it('checkFiniteScores rejects NaN and ±Infinity', () => {
    expect(() => checkFiniteScores('f', 's', Float32Array.from([0, -1e30, 1e30]))).not.toThrow();
    expect(() => checkFiniteScores('f', 's', [0, -Infinity])).toThrow('f: s[1] is -Infinity');
    expect(() => checkFiniteScores('f', 's', [NaN])).toThrow('f: s[0] is NaN');
  });

  it('checkClassLabels returns the largest label and enforces the range', () => {
    expect(checkClassLabels('f', 'y', [3, 0, 7])).toBe(7);
    expect(checkClassLabels('f', 'y', [1, 2], 3)).toBe(2);
    expect(() => checkClassLabels('f', 'y', [1, 3], 3)).toThrow('f: y[1] is 3; class labels must be an integer in [0, 3)');
  });

  it('checkClassCount wants a positive integer', () => {
    expect(() => checkClassCount('f', 'k', 2)).not.toThrow();
    expect(() => checkClassCount('f', 'k', -1)).toThrow('f: k must be a positive integer, got -1');
  });
});
