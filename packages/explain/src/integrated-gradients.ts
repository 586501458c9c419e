/**
 * Integrated gradients (Sundararajan et al., 2017): attribution_i = (x_i − x'_i) · ∫₀¹ ∂y/∂x_i
 * (x' + t(x − x')) dt, approximated with the midpoint rule. The attributions add up to
 * y(x) − y(x') (completeness); the result reports both sides so a caller can see how well the
 * integral was approximated.
 */
import * as tf from '@tensorflow/tfjs';
import { ExplainInputError } from './errors';
import { inputGradients } from './input-gradients';
import type { AttributionResult } from './saliency';
import { explainedClass, resolveTarget, type ExplainInput, type TargetOptions } from './target';

/** Options of `integratedGradients`. */
export interface IntegratedGradientsOptions extends TargetOptions {
  /** Steps of the path integral. Default 32. */
  steps?: number;
  /** Baseline x' (flat, the input's size). Default: all zeros (a black image). */
  baseline?: ArrayLike<number>;
}

/** Integrated-gradients attributions plus the completeness check. */
export interface IntegratedGradientsResult extends AttributionResult {
  method: 'ig';
  /** Class score at the baseline. */
  baselineScore: number;
  /** Σ attributions; equals score − baselineScore up to the integral's error. */
  attributionSum: number;
}

export async function integratedGradients(
  model: tf.LayersModel,
  input: ExplainInput,
  options: IntegratedGradientsOptions = {},
): Promise<IntegratedGradientsResult> {
  const steps = options.steps ?? 32;
  if (!Number.isInteger(steps) || steps < 1 || steps > 1024) throw new ExplainInputError(`steps must be an integer in 1..1024, got ${steps}`);
  const target = await resolveTarget(model, input, options);
  try {
    const x = (await target.x.data()) as Float32Array;
    const n = x.length;
    if (options.baseline && options.baseline.length !== n) throw new ExplainInputError(`baseline has ${options.baseline.length} values; the input has ${n}`);
    const base = options.baseline ? Float32Array.from(options.baseline) : new Float32Array(n);
    const path = new Float32Array((steps + 1) * n);
    for (let s = 0; s < steps; s++) {
      const t = (s + 0.5) / steps;
      for (let i = 0; i < n; i++) path[s * n + i] = base[i] + t * (x[i] - base[i]);
    }
    path.set(base, steps * n); // last row: the baseline itself, for its score
    const xs = tf.tensor(path, [steps + 1, ...target.chain.inputShape]);
    const { grads, scores } = await inputGradients(target.chain, xs, target.classIndex);
    xs.dispose();
    const { scores: atInput } = await inputGradients(target.chain, target.x, target.classIndex);
    const values = new Float32Array(n);
    let attributionSum = 0;
    for (let i = 0; i < n; i++) {
      let g = 0;
      for (let s = 0; s < steps; s++) g += grads[s * n + i];
      values[i] = ((x[i] - base[i]) * g) / steps;
      attributionSum += values[i];
    }
    return {
      method: 'ig',
      inputShape: target.chain.inputShape,
      values,
      score: atInput[0],
      baselineScore: scores[steps],
      attributionSum,
      ...explainedClass(target),
    };
  } finally {
    target.x.dispose();
  }
}
