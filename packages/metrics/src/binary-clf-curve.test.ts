import { rocPoints } from './binary-clf-curve';

describe('rocPoints', () => {
  const y = [1, 0, 1, 1, 0, 0, 1];
  const s = [0.9, 0.8, 0.8, 0.6, 0.5, 0.3, 0.1];

  it('gives cumulative fp/tp counts per distinct score, after the (0, 0) point', () => {
    const c = rocPoints('f', y, s, false);
    expect(c.positives).toBe(4);
    expect(c.negatives).toBe(3);
    expect(Array.from(c.thresholds)).toEqual([1.9, 0.9, 0.8, 0.6, 0.5, 0.3, 0.1]);
    expect(Array.from(c.tps)).toEqual([0, 1, 2, 3, 3, 3, 4]);
    expect(Array.from(c.fps)).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(c.length).toBe(7);
  });

  it('drops points on straight segments (second difference zero)', () => {
    const c = rocPoints('f', y, s, true);
    // (fp 2, tp 3) at 0.5 lies between (1, 3) and (3, 3): dropped.
    expect(Array.from(c.thresholds)).toEqual([1.9, 0.9, 0.8, 0.6, 0.3, 0.1]);
    expect(Array.from(c.fps)).toEqual([0, 0, 1, 1, 3, 3]);
  });

  it('keeps up to two points untouched (sklearn drops only when more than two)', () => {
    const c = rocPoints('f', [0, 1], [0.2, 0.4], true);
    expect(Array.from(c.thresholds)).toEqual([1.4, 0.4, 0.2]);
  });

  it('names the calling function in errors', () => {
    expect(() => rocPoints('myFn', [1], [0.5], true)).toThrow(/myFn: only one class present/);
  });
});
