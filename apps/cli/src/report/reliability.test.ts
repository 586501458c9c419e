import { reliabilityBins } from './reliability';

it('bins predictions and computes the expected calibration error by hand', () => {
  const p = [0.05, 0.15, 0.95, 0.95, 0.85, 0.55];
  const y = [0, 0, 1, 0, 1, 1];
  const { bins, ece } = reliabilityBins(p, y, 10);
  expect(bins.map((b) => b.count)).toEqual([1, 1, 0, 0, 0, 1, 0, 0, 1, 2]);
  expect(bins[9].observed).toBe(0.5);
  expect(bins[9].meanPredicted).toBeCloseTo(0.95);
  // |0 − .05| + |0 − .15| + |1 − .55| + |1 − .85| + 2·|0.5 − .95|, over 6
  expect(ece).toBeCloseTo((0.05 + 0.15 + 0.45 + 0.15 + 2 * 0.45) / 6, 10);
});

it('puts p = 1 in the last bin', () => {
  expect(reliabilityBins([1], [1], 10).bins[9].count).toBe(1);
});
