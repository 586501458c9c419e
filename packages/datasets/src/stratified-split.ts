// A seeded, stratified train/validation split: each class contributes the same fraction.
import { createRng } from '@nnlab/core';
import { DatasetArgumentError } from './errors';

/** Indices into the labelled set, each list in ascending order. */
export interface StratifiedSplit {
  trainIndices: Uint32Array;
  valIndices: Uint32Array;
}

/**
 * Puts `round(fraction * count_c)` items of every class `c` into validation, chosen by a seeded
 * Fisher–Yates shuffle within the class (`createRng` of @nnlab/core, the generator that also
 * shuffles training); the rest go to training. The same labels, fraction and seed always give the
 * same split. Both index lists are sorted ascending (shuffle
 * batches yourself).
 * @throws DatasetArgumentError when `fraction` is outside `(0, 1)`, a label is not a non-negative
 * integer, or `seed` is not an integer.
 */
export function stratifiedSplit(labels: ArrayLike<number>, fraction: number, seed: number): StratifiedSplit {
  if (!(Number.isFinite(fraction) && fraction > 0 && fraction < 1)) {
    throw new DatasetArgumentError('stratifiedSplit', 'fraction', `must be in (0, 1), got ${fraction}`);
  }
  if (!Number.isInteger(seed)) throw new DatasetArgumentError('stratifiedSplit', 'seed', `must be an integer, got ${seed}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!(Number.isInteger(y) && y >= 0)) {
      throw new DatasetArgumentError('stratifiedSplit', 'labels', `[${i}] = ${y} is not a non-negative integer`);
    }
    let list = byClass.get(y);
    if (!list) byClass.set(y, (list = []));
    list.push(i);
  }
  const rng = createRng(seed);
  const isVal = new Uint8Array(labels.length);
  let valCount = 0;
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = byClass.get(cls)!;
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    const take = Math.round(fraction * idx.length);
    for (let k = 0; k < take; k++) isVal[idx[k]] = 1;
    valCount += take;
  }
  const trainIndices = new Uint32Array(labels.length - valCount);
  const valIndices = new Uint32Array(valCount);
  let t = 0;
  let v = 0;
  for (let i = 0; i < labels.length; i++) {
    if (isVal[i]) valIndices[v++] = i;
    else trainIndices[t++] = i;
  }
  return { trainIndices, valIndices };
}
