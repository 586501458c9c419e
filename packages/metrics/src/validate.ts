// Input checks shared by the metrics (internal; not exported from the package index).
import { MetricsInputError } from './errors';

/** Throws unless `a` and `b` have the same, non-zero length. Returns that length. */
export function checkPaired(fn: string, aName: string, a: ArrayLike<unknown>, bName: string, b: ArrayLike<unknown>): number {
  if (a.length !== b.length) {
    throw new MetricsInputError(`${fn}: ${aName} has ${a.length} labels but ${bName} has ${b.length}`);
  }
  if (a.length === 0) throw new MetricsInputError(`${fn}: no labels given (${aName} and ${bName} are empty)`);
  return a.length;
}

/** Throws unless every value is 0 or 1 (positive class = 1). Returns how many are 1. */
export function checkBinaryLabels(fn: string, name: string, y: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === 1) positives++;
    else if (v !== 0) {
      throw new MetricsInputError(`${fn}: ${name}[${i}] is ${v}; binary labels must be 0 or 1 (positive class = 1)`);
    }
  }
  return positives;
}

/** Throws unless every value is a finite number (no NaN, no ±Infinity). */
export function checkFiniteScores(fn: string, name: string, s: ArrayLike<number>): void {
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    // `v - v === 0` is false exactly for NaN and ±Infinity (and non-numbers).
    if (typeof v !== 'number' || v - v !== 0) {
      throw new MetricsInputError(`${fn}: ${name}[${i}] is ${String(v)}; scores must be finite numbers`);
    }
  }
}

/** Throws unless `k` is a positive integer (a class count). */
export function checkClassCount(fn: string, name: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new MetricsInputError(`${fn}: ${name} must be a positive integer, got ${k}`);
  }
}

/**
 * Throws unless every label is an integer in [0, numClasses). With `numClasses` undefined only
 * checks for non-negative integers. Returns the largest label seen.
 */
export function checkClassLabels(fn: string, name: string, y: ArrayLike<number>, numClasses?: number): number {
  const limit = numClasses ?? Number.MAX_SAFE_INTEGER;
  let max = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0 || v >= limit) {
      const range = numClasses === undefined ? 'a non-negative integer' : `an integer in [0, ${numClasses})`;
      throw new MetricsInputError(`${fn}: ${name}[${i}] is ${v}; class labels must be ${range}`);
    }
    if (v > max) max = v;
  }
  return max;
}
