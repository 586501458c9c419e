/**
 * maxPool2x2: the max of disjoint 2×2 windows over one NHWC float32 image: `outRows` × `outCols`
 * windows of `c` ≥ 4 channels, input rows `rowBytes` apart, output packed. The cpu backend's
 * semantics: the first maximum in row-major order, NaN ignored, −∞ for a window of NaN only.
 * Byte addresses in tfjs' heap.
 */
export function maxPool2x2(x: usize, out: usize, outRows: i32, outCols: i32, c: i32, rowBytes: i32): void {
  const cb = c << 2;
  // The last vector of a pixel moves back to end at cb when c is not a multiple of 4.
  const lastOff = cb - 16;
  const minusInf = f32x4.splat(-Infinity);
  let po = out;
  let rowStart = x;
  for (let r = 0; r < outRows; r++) {
    let pw = rowStart;
    for (let k = 0; k < outCols; k++) {
      for (let ch = 0; ch < cb; ch += 16) {
        const off = <usize>min(ch, lastOff);
        const top = pw + off;
        const bottom = top + <usize>rowBytes;
        // pmax(a, b) = b > a ? b : a: a strict '>' in row-major order that never picks NaN.
        let m = f32x4.pmax(minusInf, v128.load(top));
        m = f32x4.pmax(m, v128.load(top + <usize>cb));
        m = f32x4.pmax(m, v128.load(bottom));
        m = f32x4.pmax(m, v128.load(bottom + <usize>cb));
        v128.store(po + off, m);
      }
      pw += <usize>(cb << 1);
      po += <usize>cb;
    }
    rowStart += <usize>(rowBytes << 1);
  }
}
