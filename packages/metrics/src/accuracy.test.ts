import { accuracy } from './accuracy';

describe('accuracy', () => {
  it('counts matches', () => {
    expect(accuracy([0, 1, 2, 3], [0, 1, 1, 3])).toBeCloseTo(0.75);
  });
  it('rejects mismatched lengths', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(/2 labels but yPred has 1/);
  });
});
