import fixture from './__fixtures__/class-weights.json';
import { classWeights } from './class-weights';
import { DatasetArgumentError } from './errors';

describe('classWeights', () => {
  it('matches sklearn compute_class_weight("balanced")', () => {
    for (const c of fixture.cases) {
      const w = classWeights(c.labels, c.numClasses);
      w.forEach((v, i) => expect(v).toBeCloseTo(c.weights[i], 12));
    }
  });

  it('is total / (2 * count) for the course binary case', () => {
    expect(classWeights([0, 1, 1, 1])).toEqual([2, 4 / 6]);
    expect(classWeights(Uint8Array.from([0, 0, 1]))).toEqual([0.75, 1.5]);
  });

  it('refuses empty labels, out-of-range labels and empty classes', () => {
    expect(() => classWeights([])).toThrow(DatasetArgumentError);
    expect(() => classWeights([0, 2])).toThrow('classWeights: labels [1] = 2 is not an integer in [0, 2)');
    expect(() => classWeights([0, 0])).toThrow(/no sample of class 1/);
  });
});
