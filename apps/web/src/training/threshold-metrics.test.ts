import { thresholdMetrics } from './threshold-metrics';

test('counts each case at the threshold (score ≥ threshold is positive) and derives the rates', () => {
  const labels = [1, 1, 1, 0, 0, 0, 0];
  const scores = [0.9, 0.6, 0.3, 0.7, 0.4, 0.2, 0.1];
  const m = thresholdMetrics(labels, scores, 0.5);
  expect(m).toMatchObject({ truePositives: 2, falseNegatives: 1, falsePositives: 1, trueNegatives: 3 });
  expect(m.sensitivity).toBeCloseTo(2 / 3, 12);
  expect(m.specificity).toBeCloseTo(3 / 4, 12);
  // A lower threshold finds every positive and costs specificity; the boundary value counts as positive.
  expect(thresholdMetrics(labels, scores, 0.3)).toMatchObject({ truePositives: 3, falsePositives: 2, sensitivity: 1, specificity: 0.5 });
  expect(thresholdMetrics([0], [0.2], 0.5).sensitivity).toBeNaN();
  expect(() => thresholdMetrics([1], [], 0.5)).toThrow('1 labels but 0 scores');
});
