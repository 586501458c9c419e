/**
 * gemm4xN: a small GEMM that accumulates 4 output rows × N vectors (4 floats each) at a time, for
 * the filter gradient of a convolution and the fused dense trainer.
 *
 * For each block of 4 rows r (kp a multiple of 4), with A_r = table[r] + mOff:
 *
 *   out[r·outStride + 16j ..] += Σ_{t < rowCount, u < colCount} A_r[t·aRowStride + 4u] · D[d + t·dRowStride + u·dColStride + 16j ..]
 *
 * over j < N. All pointers and strides are byte addresses in tfjs-backend-wasm's heap. The
 * reduction index runs over a 2-D block (t, u), so A and D may have gaps between their rows; each
 * row A_r is a run of floats at its own address, read from `table` (i32 addresses).
 */

// The one body of the three widths: `vectors` is a literal at each call, so after inlining the
// optimizer drops the unused accumulators and branches.
@inline
function gemm4(
  vectors: i32,
  table: usize,
  kp: i32,
  d: usize,
  rowCount: i32,
  colCount: i32,
  aRowStride: i32,
  dRowStride: i32,
  dColStride: i32,
  out: usize,
  outStride: i32,
  mOff: i32,
): void {
  const colEnd = colCount << 2;
  for (let kb = 0; kb < kp; kb += 4) {
    const entry = table + (<usize>kb << 2);
    let r0 = <usize>(load<i32>(entry, 0) + mOff);
    let r1 = <usize>(load<i32>(entry, 4) + mOff);
    let r2 = <usize>(load<i32>(entry, 8) + mOff);
    let r3 = <usize>(load<i32>(entry, 12) + mOff);
    // acc<row><vector>
    let a00 = f32x4.splat(0), a01 = f32x4.splat(0), a02 = f32x4.splat(0);
    let a10 = f32x4.splat(0), a11 = f32x4.splat(0), a12 = f32x4.splat(0);
    let a20 = f32x4.splat(0), a21 = f32x4.splat(0), a22 = f32x4.splat(0);
    let a30 = f32x4.splat(0), a31 = f32x4.splat(0), a32 = f32x4.splat(0);
    let pdRow = d;
    for (let t = 0; t < rowCount; t++) {
      let pd = pdRow;
      for (let m = 0; m < colEnd; m += 4) {
        const d0 = v128.load(pd, 0);
        const d1 = vectors > 1 ? v128.load(pd, 16) : d0;
        const d2 = vectors > 2 ? v128.load(pd, 32) : d0;
        let a = v128.load32_splat(r0 + <usize>m);
        a00 = f32x4.add(a00, f32x4.mul(a, d0));
        if (vectors > 1) a01 = f32x4.add(a01, f32x4.mul(a, d1));
        if (vectors > 2) a02 = f32x4.add(a02, f32x4.mul(a, d2));
        a = v128.load32_splat(r1 + <usize>m);
        a10 = f32x4.add(a10, f32x4.mul(a, d0));
        if (vectors > 1) a11 = f32x4.add(a11, f32x4.mul(a, d1));
        if (vectors > 2) a12 = f32x4.add(a12, f32x4.mul(a, d2));
        a = v128.load32_splat(r2 + <usize>m);
        a20 = f32x4.add(a20, f32x4.mul(a, d0));
        if (vectors > 1) a21 = f32x4.add(a21, f32x4.mul(a, d1));
        if (vectors > 2) a22 = f32x4.add(a22, f32x4.mul(a, d2));
        a = v128.load32_splat(r3 + <usize>m);
        a30 = f32x4.add(a30, f32x4.mul(a, d0));
        if (vectors > 1) a31 = f32x4.add(a31, f32x4.mul(a, d1));
        if (vectors > 2) a32 = f32x4.add(a32, f32x4.mul(a, d2));
        pd += <usize>dColStride;
      }
      r0 += <usize>aRowStride;
      r1 += <usize>aRowStride;
      r2 += <usize>aRowStride;
      r3 += <usize>aRowStride;
      pdRow += <usize>dRowStride;
    }
    let po = out + <usize>(kb * outStride);
    accumulate(vectors, po, a00, a01, a02);
    po += <usize>outStride;
    accumulate(vectors, po, a10, a11, a12);
    po += <usize>outStride;
    accumulate(vectors, po, a20, a21, a22);
    po += <usize>outStride;
    accumulate(vectors, po, a30, a31, a32);
  }
}

/** out[0 .. 4·vectors) += (v0, v1, v2)[.. vectors]. */
@inline
function accumulate(vectors: i32, po: usize, v0: v128, v1: v128, v2: v128): void {
  v128.store(po, f32x4.add(v128.load(po, 0), v0), 0);
  if (vectors > 1) v128.store(po, f32x4.add(v128.load(po, 16), v1), 16);
  if (vectors > 2) v128.store(po, f32x4.add(v128.load(po, 32), v2), 32);
}

export function gemm4x1(table: usize, kp: i32, d: usize, rowCount: i32, colCount: i32, aRowStride: i32, dRowStride: i32, dColStride: i32, out: usize, outStride: i32, mOff: i32): void {
  gemm4(1, table, kp, d, rowCount, colCount, aRowStride, dRowStride, dColStride, out, outStride, mOff);
}

export function gemm4x2(table: usize, kp: i32, d: usize, rowCount: i32, colCount: i32, aRowStride: i32, dRowStride: i32, dColStride: i32, out: usize, outStride: i32, mOff: i32): void {
  gemm4(2, table, kp, d, rowCount, colCount, aRowStride, dRowStride, dColStride, out, outStride, mOff);
}

export function gemm4x3(table: usize, kp: i32, d: usize, rowCount: i32, colCount: i32, aRowStride: i32, dRowStride: i32, dColStride: i32, out: usize, outStride: i32, mOff: i32): void {
  gemm4(3, table, kp, d, rowCount, colCount, aRowStride, dRowStride, dColStride, out, outStride, mOff);
}
