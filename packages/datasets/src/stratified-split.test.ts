import { stratifiedSplit } from './stratified-split';

function counts(labels: ArrayLike<number>, idx: Uint32Array): number[] {
  const c = [0, 0, 0];
  for (const i of idx) c[labels[i]]++;
  return c;
}

describe('stratifiedSplit', () => {
  const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i < 700 ? 1 : i < 950 ? 0 : 2));

  it('keeps class proportions', () => {
    const { trainIndices, valIndices } = stratifiedSplit(labels, 0.2, 42);
    expect(counts(labels, valIndices)).toEqual([50, 140, 10]);
    expect(counts(labels, trainIndices)).toEqual([200, 560, 40]);
  });

  it('partitions the indices, each list ascending', () => {
    const { trainIndices, valIndices } = stratifiedSplit(labels, 0.3, 1);
    const all = [...trainIndices, ...valIndices].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    for (const list of [trainIndices, valIndices]) for (let i = 1; i < list.length; i++) expect(list[i]).toBeGreaterThan(list[i - 1]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = stratifiedSplit(labels, 0.1, 7);
    expect(stratifiedSplit(labels, 0.1, 7)).toEqual(a);
    expect(Array.from(stratifiedSplit(labels, 0.1, 8).valIndices)).not.toEqual(Array.from(a.valIndices));
  });

  it('refuses bad arguments', () => {
    expect(() => stratifiedSplit(labels, 0, 1)).toThrow('stratifiedSplit: fraction must be in (0, 1), got 0');
    expect(() => stratifiedSplit(labels, 0.5, 1.5)).toThrow(/seed must be an integer/);
    expect(() => stratifiedSplit([0, -1], 0.5, 1)).toThrow(/labels \[1\] = -1/);
  });
});
