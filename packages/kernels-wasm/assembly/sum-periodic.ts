/**
 * sumPeriodic: acc[i mod period] += x[i] over `bytes` of float32 (float32 adds) — the gradient of
 * `addPeriodic`'s bias: lane q of the period collects channel q mod c of every (period/c)-th row.
 * Period in bytes, a multiple of 16; byte addresses in tfjs' heap.
 */
export function sumPeriodic(x: usize, acc: usize, bytes: i32, periodBytes: i32): void {
  let p: usize = 0;
  for (let i: usize = 0; i < <usize>bytes; i += 16) {
    v128.store(acc + p, f32x4.add(v128.load(acc + p), v128.load(x + i)));
    p += 16;
    if (p >= <usize>periodBytes) p = 0;
  }
}
