// Test-only loader for the scikit-learn fixtures (src/__fixtures__/sklearn-metrics.json, written by
// tools/fixtures/metrics_sklearn.py). Read with fs and typed by hand so the type checker does not
// have to infer a type for a 150 kB JSON file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SklearnMulticlassCase {
  name: string;
  numClasses: number;
  yTrue: number[];
  yPred: number[];
  /** Row-major N×numClasses float32 probabilities whose row argmax is `yPred` (some cases only). */
  probs?: number[];
  expected: {
    confusionMatrix: number[][];
    accuracy: number;
    precision: number[];
    recall: number[];
    f1: number[];
    support: number[];
    macro: { precision: number; recall: number; f1: number };
    weighted: { precision: number; recall: number; f1: number };
  };
}

export interface SklearnRoc {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

export interface SklearnBinaryCase {
  name: string;
  yTrue: number[];
  scores: number[];
  threshold: number;
  expected: {
    tn: number;
    fp: number;
    fn: number;
    tp: number;
    matrix: number[][];
    accuracy: number;
    precision: number;
    recall: number;
    specificity: number;
    f1: number;
    /** roc_curve with drop_intermediate=True (the default). */
    roc: SklearnRoc;
    /** roc_curve with drop_intermediate=False. */
    rocAll: SklearnRoc;
    auc: number;
  };
}

export interface SklearnFixtures {
  schemaVersion: 1;
  generator: string;
  sklearnVersion: string;
  numpyVersion: string;
  seed: number;
  multiclass: SklearnMulticlassCase[];
  binary: SklearnBinaryCase[];
}

/** Tolerance for floating-point comparisons with scikit-learn. */
export const SKLEARN_TOLERANCE = 1e-9;

let cached: SklearnFixtures | undefined;

/** The parsed fixture file (read once per test file). */
export function loadSklearnFixtures(): SklearnFixtures {
  if (!cached) {
    const file = join(__dirname, '..', '__fixtures__', 'sklearn-metrics.json');
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as SklearnFixtures;
    if (parsed.schemaVersion !== 1) {
      throw new Error(`${file}: schemaVersion ${String(parsed.schemaVersion)} is not supported (expected 1)`);
    }
    cached = parsed;
  }
  return cached;
}

/** Asserts `actual` equals `expected` element-wise within `tol` (and has the same length). */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = SKLEARN_TOLERANCE): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (!(diff <= tol)) {
      throw new Error(`element ${i}: got ${actual[i]}, expected ${expected[i]} (|diff| ${diff} > ${tol})`);
    }
  }
}
