/**
 * reluGrad: out = dy · step(x), step(x) = x > 0 ? 1 : 0 — relu's gradient as tfjs defines it
 * (mul(dy, cast(step(x)))), in one pass, with a real multiply so NaN and ∞ in dy behave the same.
 * `bytes` is a multiple of 16; byte addresses in tfjs' heap; the caller finishes the last 0–3 floats.
 */
export function reluGrad(dy: usize, x: usize, out: usize, bytes: i32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  for (let i: usize = 0; i < <usize>bytes; i += 16) {
    const step = v128.bitselect(one, zero, f32x4.gt(v128.load(x + i), zero));
    v128.store(out + i, f32x4.mul(v128.load(dy + i), step));
  }
}
