/**
 * Seeded randomness. One small, fast generator (sfc32) drives shuffling; weight initialisers get
 * integer seeds derived from the run seed, so a run with the same seed on the same backend is
 * repeatable.
 */

/** A seeded pseudo-random source. */
export interface Rng {
  /** The seed this generator was created with. */
  readonly seed: number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
  /** A 31-bit integer seed for a sub-component (initialiser, dropout…). */
  nextSeed(): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates an sfc32 generator whose state is expanded from `seed` with splitmix32. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number, got ${seed}`);
  const init = splitmix32(Math.floor(seed));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextU32();
  return {
    seed,
    next: () => nextU32() / 4294967296,
    nextInt: (n: number) => Math.floor((nextU32() / 4294967296) * n),
    nextSeed: () => nextU32() & 0x7fffffff,
  };
}

/** Fisher–Yates shuffle in place, driven by `rng`. Returns the same array. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(array: T, rng: Rng): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** `[start, start+1, …, start+count-1]` as an Int32Array. */
export function range(count: number, start = 0): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = start + i;
  return out;
}
