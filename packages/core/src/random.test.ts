import { createRng, range, shuffleInPlace } from './random';

describe('createRng', () => {
  it('is repeatable for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it('draws roughly uniform values in [0, 1)', () => {
    const r = createRng(1);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100000; i++) {
      const v = r.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      bins[Math.floor(v * 10)]++;
    }
    for (const b of bins) expect(Math.abs(b - 10000)).toBeLessThan(500);
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(/finite/);
  });
});

describe('shuffleInPlace', () => {
  it('permutes and is seed-determined', () => {
    const x = shuffleInPlace(range(100), createRng(7));
    const y = shuffleInPlace(range(100), createRng(7));
    expect(Array.from(x)).toEqual(Array.from(y));
    expect(Array.from(x).sort((p, q) => p - q)).toEqual(Array.from(range(100)));
    expect(Array.from(x)).not.toEqual(Array.from(range(100)));
  });
});
