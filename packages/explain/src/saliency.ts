/**
 * Gradient saliency for any model (MLPs included): how much each input value moves the class
 * score. `saliency` is the plain gradient (Simonyan et al., 2014); `smoothGrad` averages it over
 * noisy copies of the input (Smilkov et al., 2017), which removes most of the speckle.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@nnlab/core';
import { ExplainInputError } from './errors';
import { inputGradients } from './input-gradients';
import { explainedClass, resolveTarget, type ExplainedClass, type ExplainInput, type TargetOptions } from './target';

/** An attribution per input value, in the input's layout. */
export interface AttributionResult extends ExplainedClass {
  method: 'saliency' | 'smoothgrad' | 'ig';
  /** Shape of one input sample. */
  inputShape: number[];
  /** Signed attribution per input value (gradient, mean gradient, or IG attribution). */
  values: Float32Array;
  /** The class score at the input. */
  score: number;
}

/** Vanilla gradient saliency. */
export async function saliency(model: tf.LayersModel, input: ExplainInput, options: TargetOptions = {}): Promise<AttributionResult> {
  const target = await resolveTarget(model, input, options);
  try {
    const { grads, scores } = await inputGradients(target.chain, target.x, target.classIndex);
    return { method: 'saliency', inputShape: target.chain.inputShape, values: grads, score: scores[0], ...explainedClass(target) };
  } finally {
    target.x.dispose();
  }
}

/** Options of `smoothGrad`. */
export interface SmoothGradOptions extends TargetOptions {
  /** Noisy copies. Default 32. */
  samples?: number;
  /** Noise σ as a fraction of the input's value range (max − min). Default 0.15. */
  noise?: number;
  /** Seed of the noise (same seed, same map). Default 1. */
  seed?: number;
}

function gaussian(rng: { next(): number }): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** SmoothGrad: the mean gradient over `samples` copies of the input with Gaussian noise. */
export async function smoothGrad(model: tf.LayersModel, input: ExplainInput, options: SmoothGradOptions = {}): Promise<AttributionResult> {
  const samples = options.samples ?? 32;
  const noise = options.noise ?? 0.15;
  if (!Number.isInteger(samples) || samples < 1 || samples > 1024) throw new ExplainInputError(`samples must be an integer in 1..1024, got ${samples}`);
  if (!(noise >= 0 && noise <= 1)) throw new ExplainInputError(`noise must be in [0, 1], got ${noise}`);
  const target = await resolveTarget(model, input, options);
  try {
    const x = (await target.x.data()) as Float32Array;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const sigma = noise * (hi - lo || 1);
    const rng = createRng(options.seed ?? 1);
    const n = x.length;
    const batch = new Float32Array(samples * n);
    for (let s = 0; s < samples; s++) for (let i = 0; i < n; i++) batch[s * n + i] = x[i] + sigma * gaussian(rng);
    const xs = tf.tensor(batch, [samples, ...target.chain.inputShape]);
    const { grads } = await inputGradients(target.chain, xs, target.classIndex);
    xs.dispose();
    const { scores } = await inputGradients(target.chain, target.x, target.classIndex);
    const values = new Float32Array(n);
    for (let s = 0; s < samples; s++) for (let i = 0; i < n; i++) values[i] += grads[s * n + i] / samples;
    return { method: 'smoothgrad', inputShape: target.chain.inputShape, values, score: scores[0], ...explainedClass(target) };
  } finally {
    target.x.dispose();
  }
}
