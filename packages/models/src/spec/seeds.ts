/**
 * Keras' default kernel initialiser (glorot_uniform), seeded per layer from one run seed, so a
 * model built twice with the same seed has the same weights.
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
