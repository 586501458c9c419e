import { arrayDataset, splitTail } from './dataset';
import { InvalidOptionError } from './errors';

function dataset(size: number) {
  return arrayDataset({ x: new Float32Array(size), sampleShape: [1], labels: new Uint8Array(size), numClasses: 2 });
}

describe('splitTail (Keras validation_split)', () => {
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
  ])('%d samples, fraction %d → %d training samples, the rest (the last ones) validate', (count, fraction, train) => {
    const base = dataset(count);
    const split = splitTail(base, fraction);
    expect(split.train.size).toBe(train);
    expect(split.validation?.size).toBe(count - train);
  });

  it('gives no validation set for fraction 0', () => {
    const base = dataset(100);
    expect(splitTail(base, 0)).toEqual({ train: base });
  });

  it('refuses fractions outside [0, 1) and splits leaving a part empty', () => {
    expect(() => splitTail(dataset(10), 1)).toThrow(InvalidOptionError);
    expect(() => splitTail(dataset(10), -0.1)).toThrow('validationSplit must be in [0, 1), got -0.1');
    expect(() => splitTail(dataset(10), NaN)).toThrow(/validationSplit/);
    expect(() => splitTail(dataset(10), 0.9)).toThrow(/leaves an empty split/); // 10 * 0.0999… floors to 0
    expect(() => splitTail(dataset(10), 1e-17)).toThrow(/leaves an empty split/); // 1 - 1e-17 === 1
  });
});
