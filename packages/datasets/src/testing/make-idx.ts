// Test helpers: build IDX files in memory.

/** An IDX file of `type` (default uint8) with `dims` and `data` (default: i % 256). */
export function makeIdx(dims: number[], data?: Uint8Array, type = 0x08): Uint8Array {
  const n = dims.reduce((a, b) => a * b, 1);
  const payload = data ?? Uint8Array.from({ length: n }, (_, i) => i % 256);
  const out = new Uint8Array(4 + 4 * dims.length + payload.length);
  out[2] = type;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(payload, 4 + 4 * dims.length);
  return out;
}

/** Just an IDX header claiming `dims` (no payload). */
export function idxHeader(dims: number[], type = 0x08): Uint8Array {
  return makeIdx(dims, new Uint8Array(0), type);
}
