// mulberry32: a tiny, fast, seedable 32-bit PRNG (Tommy Ettinger's public-domain generator).
// Good enough for shuffling and sampling; not for cryptography.

/** A function returning uniform floats in `[0, 1)`. */
export type RandomSource = () => number;

/** Returns a generator seeded with the low 32 bits of `seed`; the same seed gives the same sequence. */
export function mulberry32(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
