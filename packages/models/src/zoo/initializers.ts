/**
 * Keras default initialisers (glorot_uniform kernels, zero biases), seeded per layer from one run
 * seed so a model built twice with the same seed has the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '@nnlab/core';

/** Seeded initialiser source for one model. */
export interface LayerSeeds {
  /** A glorot-uniform kernel initialiser with the next seed. */
  kernel(): ReturnType<typeof tf.initializers.glorotUniform>;
}

/** Seeds for the layers of one model, derived from `seed` (unseeded when undefined). */
export function layerSeeds(seed: number | undefined): LayerSeeds {
  const rng: Rng | undefined = seed === undefined ? undefined : createRng(seed);
  return {
    kernel: () => tf.initializers.glorotUniform(rng ? { seed: rng.nextSeed() } : {}),
  };
}

/** Checks an integer argument of a builder. */
export function positiveInt(name: string, v: number, max = 1 << 20): number {
  if (!(Number.isInteger(v) && v >= 1 && v <= max)) throw new RangeError(`${name} must be an integer in 1..${max}, got ${v}`);
  return v;
}
