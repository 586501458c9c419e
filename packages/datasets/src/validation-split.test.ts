import { DatasetArgumentError } from './errors';
import { validationSplit } from './validation-split';

describe('validationSplit', () => {
  // expected values from Python: int(math.floor(n * (1.0 - f))), as in Keras' train_validation_split
  it.each([
    [60000, 0.1, 54000],
    [60000, 0.2, 48000],
    [4708, 0.1, 4237],
    [5216, 0.2, 4172],
    [7, 0.3, 4],
    [49, 0.1, 44],
    [10, 0.8, 1], // float arithmetic: 10 * (1 - 0.8) = 1.9999999999999996, exact math would give 2
    [20, 0.9, 1],
  ])('count %d, fraction %d → %d training items (Keras)', (count, fraction, train) => {
    expect(validationSplit(count, fraction)).toEqual({ trainCount: train, valStart: train, valCount: count - train });
  });

  it('gives no validation items for fraction 0', () => {
    expect(validationSplit(100, 0)).toEqual({ trainCount: 100, valStart: 100, valCount: 0 });
  });

  it('refuses fractions outside [0, 1) and splits leaving a part empty', () => {
    expect(() => validationSplit(10, 1)).toThrow(DatasetArgumentError);
    expect(() => validationSplit(10, -0.1)).toThrow('validationSplit: fraction must be in [0, 1), got -0.1');
    expect(() => validationSplit(10, NaN)).toThrow(/fraction/);
    expect(() => validationSplit(10, 0.9)).toThrow(/leaves no training items/); // 10 * 0.0999… floors to 0
    expect(() => validationSplit(10, 1e-17)).toThrow(/leaves no validation items/); // 1 - 1e-17 === 1
    expect(() => validationSplit(2.5, 0.1)).toThrow(/count must be a non-negative integer/);
  });
});
