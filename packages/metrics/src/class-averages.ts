import type { ClassMetrics } from './per-class-metrics';

/** Precision, recall and F1 averaged over classes, with the total support. */
export interface AveragedMetrics {
  precision: number;
  recall: number;
  /** The average of the per-class F1 scores (not the F1 of the averaged P and R), as sklearn. */
  f1: number;
  /** Total number of samples (sum of the per-class supports). */
  support: number;
}

/**
 * Unweighted mean over all classes (sklearn `average='macro'`): every class counts the same,
 * including classes with no samples, whose zeros pull the average down.
 */
export function macroAverage(perClass: readonly ClassMetrics[]): AveragedMetrics {
  let p = 0;
  let r = 0;
  let f = 0;
  let support = 0;
  for (const c of perClass) {
    p += c.precision;
    r += c.recall;
    f += c.f1;
    support += c.support;
  }
  const k = perClass.length;
  if (k === 0) return { precision: 0, recall: 0, f1: 0, support: 0 };
  return { precision: p / k, recall: r / k, f1: f / k, support };
}

/**
 * Mean weighted by support (sklearn `average='weighted'`); all zeros when there are no samples
 * (sklearn `zero_division=0`).
 */
export function weightedAverage(perClass: readonly ClassMetrics[]): AveragedMetrics {
  let p = 0;
  let r = 0;
  let f = 0;
  let support = 0;
  for (const c of perClass) {
    p += c.precision * c.support;
    r += c.recall * c.support;
    f += c.f1 * c.support;
    support += c.support;
  }
  if (support === 0) return { precision: 0, recall: 0, f1: 0, support: 0 };
  return { precision: p / support, recall: r / support, f1: f / support, support };
}
