/**
 * The element-wise parts of the fused dense step: activations and their gradients from the
 * outputs, and the output layer's cross-entropy with Keras' clipping and autodiff's gradient.
 */
import { LOSS_EPSILON } from '../../losses';
import type { Activation } from './plan';

/** The activation of rows [0, n) in place. */
export function activate(f: Float32Array, at: number, n: number, stride: number, units: number, activation: Activation): void {
  if (activation === 'linear') return;
  for (let r = 0; r < n; r++) {
    const o = at + r * stride;
    for (let j = o; j < o + units; j++) {
      const z = f[j];
      if (activation === 'relu') f[j] = z > 0 ? z : 0;
      else if (activation === 'sigmoid') f[j] = 1 / (1 + Math.exp(-z));
      else f[j] = Math.tanh(z);
    }
  }
}

/** delta ⊙= activation'(pre-activation), from the activation's output `a`. */
export function activationGrad(f: Float32Array, act: number, delta: number, n: number, stride: number, units: number, activation: Activation): void {
  if (activation === 'linear') return;
  for (let r = 0; r < n; r++) {
    const o = r * stride;
    for (let j = 0; j < units; j++) {
      const a = f[act + o + j];
      const d = delta + o + j;
      if (activation === 'relu') f[d] = a > 0 ? f[d] : 0;
      else if (activation === 'sigmoid') f[d] = f[d] * a * (1 - a);
      else f[d] = f[d] * (1 - a * a);
    }
  }
}

const CLIP_LO = Math.fround(LOSS_EPSILON);
const CLIP_HI = Math.fround(1 - LOSS_EPSILON);
const clip = (p: number): number => (p < CLIP_LO ? CLIP_LO : p > CLIP_HI ? CLIP_HI : p);
/** The clip's gradient mask, as tfjs' ClipByValue gradient: 1 inside [lo, hi] (inclusive). */
const inside = (p: number): boolean => p >= CLIP_LO && p <= CLIP_HI;

/**
 * Softmax of the logits in place, the categorical cross-entropy of the clipped probabilities
 * (weighted mean), and the logits' gradient p ⊙ (g − Σ p·g) with g = −(w/n)·y/p inside the clip.
 */
export function softmaxCrossEntropy(
  f: Float32Array,
  act: number,
  delta: number,
  y: Float32Array,
  w: Float32Array | undefined,
  n: number,
  stride: number,
  units: number,
): number {
  let total = 0;
  const g = new Float64Array(units);
  for (let r = 0; r < n; r++) {
    const o = act + r * stride;
    let max = -Infinity;
    for (let j = 0; j < units; j++) if (f[o + j] > max) max = f[o + j];
    let sum = 0;
    for (let j = 0; j < units; j++) {
      const e = Math.exp(f[o + j] - max);
      f[o + j] = e;
      sum += e;
    }
    const weight = w ? w[r] : 1;
    const scale = weight / n;
    let rowLoss = 0;
    let pg = 0;
    for (let j = 0; j < units; j++) {
      const p = Math.fround(f[o + j] / sum);
      f[o + j] = p;
      const t = y[r * units + j];
      rowLoss -= t * Math.log(clip(p));
      g[j] = inside(p) ? (-scale * t) / p : 0;
      pg += p * g[j];
    }
    total += weight * rowLoss;
    const d = delta + r * stride;
    for (let j = 0; j < units; j++) f[d + j] = f[o + j] * (g[j] - pg);
  }
  return total / n;
}

/**
 * Sigmoid outputs (already applied), the binary cross-entropy averaged over the outputs
 * (weighted mean over samples), and the logits' gradient g·p·(1 − p) with
 * g = −(w/(n·units))·(y/p − (1 − y)/(1 − p)) inside the clip.
 */
export function sigmoidBinaryCrossEntropy(
  f: Float32Array,
  act: number,
  delta: number,
  y: Float32Array,
  w: Float32Array | undefined,
  n: number,
  stride: number,
  units: number,
): number {
  let total = 0;
  for (let r = 0; r < n; r++) {
    const o = act + r * stride;
    const weight = w ? w[r] : 1;
    const scale = weight / (n * units);
    let rowLoss = 0;
    for (let j = 0; j < units; j++) {
      const p = f[o + j];
      const t = y[r * units + j];
      const pc = clip(p);
      rowLoss -= t * Math.log(pc) + (1 - t) * Math.log(1 - pc);
      const g = inside(p) ? -scale * (t / p - (1 - t) / (1 - p)) : 0;
      f[delta + r * stride + j] = g * p * (1 - p);
    }
    total += (weight * rowLoss) / units;
  }
  return total / n;
}
