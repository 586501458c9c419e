/**
 * sumRows: acc[ch] += Σ_{r < rowCount} x[r·c + ch] for ch < c, in float32 — a bias gradient row by
 * row (4 channels per vector, the last c mod 4 one at a time). Byte addresses in tfjs' heap.
 */
export function sumRows(x: usize, acc: usize, rowCount: i32, c: i32): void {
  const cb = <usize>(c << 2);
  const vectorBytes = <usize>((c & ~3) << 2);
  let px = x;
  for (let r = 0; r < rowCount; r++) {
    let off: usize = 0;
    for (; off < vectorBytes; off += 16) {
      v128.store(acc + off, f32x4.add(v128.load(acc + off), v128.load(px + off)));
    }
    for (; off < cb; off += 4) {
      store<f32>(acc + off, load<f32>(acc + off) + load<f32>(px + off));
    }
    px += cb;
  }
}
