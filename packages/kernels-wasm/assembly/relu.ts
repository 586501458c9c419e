/**
 * relu: out = max(x, 0) over `bytes` (a multiple of 16) of float32, 4 at a time. NaN stays NaN,
 * as on the cpu backend. Byte addresses in tfjs' heap; the caller finishes the last 0–3 floats.
 */
export function relu(x: usize, out: usize, bytes: i32): void {
  const zero = f32x4.splat(0);
  for (let i: usize = 0; i < <usize>bytes; i += 16) {
    v128.store(out + i, f32x4.max(v128.load(x + i), zero));
  }
}
