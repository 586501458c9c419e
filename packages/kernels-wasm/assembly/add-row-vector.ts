/**
 * addRowVector: out[r·c + ch] = a[r·c + ch] + vec[ch] for r < rowCount, ch < c (c ≥ 4): a bias add
 * row by row, for tensors too short for `addPeriodic`. Byte addresses in tfjs' heap.
 */
export function addRowVector(a: usize, vec: usize, out: usize, rowCount: i32, c: i32): void {
  const cb = c << 2;
  // The last vector of a row moves back to end at cb when c is not a multiple of 4.
  const lastOff = cb - 16;
  let pa = a;
  let po = out;
  for (let r = 0; r < rowCount; r++) {
    for (let ch = 0; ch < cb; ch += 16) {
      const off = <usize>min(ch, lastOff);
      v128.store(po + off, f32x4.add(v128.load(pa + off), v128.load(vec + off)));
    }
    pa += <usize>cb;
    po += <usize>cb;
  }
}
