/**
 * Losses, computed per sample from probabilities (as Keras does with `from_logits=False`), with
 * predictions clipped to [ε, 1−ε], ε = 1e-7 (Keras' `backend.epsilon()`).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidOptionError } from './errors';

/** Keras' fuzz factor. */
export const LOSS_EPSILON = 1e-7;

/** Names accepted by `getLoss`. */
export type LossName = 'categoricalCrossentropy' | 'binaryCrossentropy';
export const LOSS_NAMES: readonly LossName[] = ['categoricalCrossentropy', 'binaryCrossentropy'];

/** A per-sample loss: `yTrue`, `yPred` of shape [batch, …] → [batch]. */
export type PerSampleLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor1D;

/** −Σ_k y_k·log(p_k) per sample. */
export function categoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const p = tf.clipByValue(yPred, LOSS_EPSILON, 1 - LOSS_EPSILON);
    return tf.neg(tf.sum(tf.mul(yTrue, tf.log(p)), -1)) as tf.Tensor1D;
  });
}

/** −[y·log(p) + (1−y)·log(1−p)] per sample (mean over the last axis, as Keras). */
export function binaryCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const p = tf.clipByValue(yPred, LOSS_EPSILON, 1 - LOSS_EPSILON);
    const term = tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(term, -1)) as tf.Tensor1D;
  });
}

const LOSSES: Record<LossName, PerSampleLoss> = { categoricalCrossentropy, binaryCrossentropy };

/** Resolves a loss by name (Keras spellings `categorical_crossentropy` also accepted). */
export function getLoss(name: LossName | string): PerSampleLoss {
  const key = normaliseLossName(name);
  return LOSSES[key];
}

/** Maps `categorical_crossentropy` / `binaryCrossentropy` style names to a `LossName`. */
export function normaliseLossName(name: string): LossName {
  const compact = name.replace(/[_-]/g, '').toLowerCase();
  const found = LOSS_NAMES.find((n) => n.toLowerCase() === compact);
  if (!found) throw new InvalidOptionError(`unknown loss '${name}': expected one of ${LOSS_NAMES.join(', ')}`);
  return found;
}

/** Formulas of each loss, for reports. */
export const LOSS_FORMULAS: Record<LossName, string> = {
  categoricalCrossentropy: 'L = −(1/N) Σᵢ Σₖ yᵢₖ · log(pᵢₖ)',
  binaryCrossentropy: 'L = −(1/N) Σᵢ wᵢ · [yᵢ · log(pᵢ) + (1 − yᵢ) · log(1 − pᵢ)]',
};
