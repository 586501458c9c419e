/**
 * maxPoolGrad2x2: the gradient of one row of disjoint 2×2 max-pool windows over NHWC float32, four
 * channels per vector, without data-dependent branches.
 *
 * `count` windows along the row, `c` ≥ 4 channels: window w's top-left cell is x + w·winStep, its
 * dy is dy + w·c·4, and its four dx cells (dx + w·winStep, same layout as x) are written, not
 * added. The first maximum in row-major order takes dy, the three other cells get 0 (the cpu
 * backend's rule). Returns 1 when some window held NaN or only −∞, or some dy was not finite: the
 * caller then redoes that row with the exact scalar loop. Byte addresses in tfjs' heap.
 */
export function maxPoolGrad2x2(x: usize, dy: usize, dx: usize, count: i32, c: i32, rowStride: i32, winStep: i32): i32 {
  const cb = c << 2;
  // The last vector of a pixel moves back to end at cb when c is not a multiple of 4 (it then
  // overlaps the previous one and writes the same values again).
  const lastOff = cb - 16;
  const minusInf = f32x4.splat(-Infinity);
  const zero = f32x4.splat(0);
  let bad = zero;
  let pw = x;
  let pdx = dx;
  let pg = dy;
  for (let k = 0; k < count; k++) {
    for (let ch = 0; ch < cb; ch += 16) {
      const off = <usize>min(ch, lastOff);
      const right = off + <usize>cb;
      const below = off + <usize>rowStride;
      const v0 = v128.load(pw + off);
      const v1 = v128.load(pw + right);
      const v2 = v128.load(pw + below);
      const v3 = v128.load(pw + below + <usize>cb);
      const g = v128.load(pg + off);
      const mx = f32x4.max(f32x4.max(v0, v1), f32x4.max(v2, v3));
      // A window without a finite maximum (NaN, all −∞), or a dy that is not finite (g − g ≠ 0).
      const noMax = v128.not(f32x4.gt(mx, minusInf));
      const badDy = v128.not(f32x4.eq(f32x4.sub(g, g), zero));
      bad = v128.or(bad, v128.or(noMax, badDy));
      // One-hot masks of the first maximum in row-major order.
      const e0 = f32x4.eq(v0, mx);
      const e1 = v128.andnot(f32x4.eq(v1, mx), e0);
      const seen = v128.or(e0, e1);
      const e2 = v128.andnot(f32x4.eq(v2, mx), seen);
      const e3 = v128.not(v128.or(seen, e2));
      v128.store(pdx + off, v128.and(e0, g));
      v128.store(pdx + right, v128.and(e1, g));
      v128.store(pdx + below, v128.and(e2, g));
      v128.store(pdx + below + <usize>cb, v128.and(e3, g));
    }
    pw += <usize>winStep;
    pdx += <usize>winStep;
    pg += <usize>cb;
  }
  return v128.any_true(bad) ? 1 : 0;
}
