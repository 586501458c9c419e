/**
 * addPeriodic: out[i] = a[i] + vec[i mod period] over `bytes` of float32 — a bias add over any
 * channel count, with the bias repeated by the caller to a period (in bytes, a multiple of 16 and
 * of the channel count) so no vector straddles a row. Byte addresses in tfjs' heap; the caller
 * finishes the last 0–3 floats.
 */
export function addPeriodic(a: usize, vec: usize, out: usize, bytes: i32, periodBytes: i32): void {
  let p: usize = 0;
  for (let i: usize = 0; i < <usize>bytes; i += 16) {
    v128.store(out + i, f32x4.add(v128.load(a + i), v128.load(vec + p)));
    p += 16;
    if (p >= <usize>periodBytes) p = 0;
  }
}
