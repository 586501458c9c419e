import { argmax } from './argmax';
import { MetricsInputError } from './errors';
import { loadSklearnFixtures } from './testing/sklearn-fixtures';

describe('argmax', () => {
  it('picks the largest column of each row', () => {
    const probs = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.0, 0.1, 0.9]);
    expect(Array.from(argmax(probs, 3))).toEqual([1, 0, 2]);
  });

  it('returns an Int32Array', () => {
    expect(argmax([1, 2], 2)).toBeInstanceOf(Int32Array);
  });

  it('breaks ties toward the lowest column, like numpy', () => {
    expect(Array.from(argmax([0.5, 0.5, 0.2, 0.4, 0.4, 0.4], 3))).toEqual([0, 0]);
  });

  it('handles negative values and -Infinity', () => {
    expect(Array.from(argmax([-3, -1, -2, -Infinity, -Infinity, -5], 3))).toEqual([1, 2]);
  });

  it('handles a single column', () => {
    expect(Array.from(argmax([0.3, 0.9], 1))).toEqual([0, 0]);
  });

  it('matches numpy.argmax on the float32 softmax fixture', () => {
    for (const c of loadSklearnFixtures().multiclass) {
      if (!c.probs) continue;
      const preds = argmax(Float32Array.from(c.probs), c.numClasses);
      expect(Array.from(preds)).toEqual(c.yPred);
    }
  });

  it('rejects bad shapes and NaN', () => {
    expect(() => argmax([1, 2, 3], 2)).toThrow(/3 entries, not a multiple of numClasses 2/);
    expect(() => argmax([], 2)).toThrow(/values is empty/);
    expect(() => argmax([1, 2], 0)).toThrow(/numClasses must be a positive integer/);
    expect(() => argmax([1, 2], 1.5)).toThrow(RangeError);
    expect(() => argmax([0.1, NaN, 0.2, 0.3], 2)).toThrow(/values\[1\] \(row 0, column 1\) is NaN/);
    expect(() => argmax([0.1, 0.2, NaN, 0.3], 2)).toThrow(/row 1, column 0/);
    expect(() => argmax([NaN], 1)).toThrow(MetricsInputError);
  });
});
