/**
 * Moving a Dense stack's data in and out of the fused trainer's heap rows (`stride` floats, pad
 * columns zero): padded and transposed kernels, bias rows, kernel and bias gradients.
 */

/** W [inputs, units] → rows of `stride` floats at `at` (pad columns stay zero). */
export function padKernel(f: Float32Array, at: number, w: Float32Array, inputs: number, units: number, stride: number): void {
  for (let k = 0; k < inputs; k++) f.set(w.subarray(k * units, (k + 1) * units), at + k * stride);
}

/** W [inputs, units] → Wᵀ rows of `stride` floats at `at` (pad columns stay zero). */
export function transposeKernel(f: Float32Array, at: number, w: Float32Array, inputs: number, units: number, stride: number): void {
  for (let j = 0; j < units; j++) {
    const o = at + j * stride;
    for (let k = 0; k < inputs; k++) f[o + k] = w[k * units + j];
  }
}

/** Rows [0, rows) of `units` columns set to the bias (or 0). */
export function fillRows(f: Float32Array, at: number, rows: number, stride: number, units: number, bias: Float32Array | null): void {
  for (let r = 0; r < rows; r++) {
    const o = at + r * stride;
    if (bias) f.set(bias, o);
    else f.fill(0, o, o + units);
  }
}

/** The padded kernel gradient [≥ inputs, stride] → [inputs, units]. */
export function gatherKernelGrad(f: Float32Array, at: number, out: Float32Array, inputs: number, units: number, stride: number): void {
  for (let k = 0; k < inputs; k++) out.set(f.subarray(at + k * stride, at + k * stride + units), k * units);
}

/** out[j] = Σ_{r < n} rows[r, j] (float32 accumulation, as a Sum kernel does). */
export function sumColumns(f: Float32Array, at: number, out: Float32Array, n: number, stride: number, units: number): void {
  out.fill(0);
  for (let r = 0; r < n; r++) {
    const o = at + r * stride;
    for (let j = 0; j < units; j++) out[j] += f[o + j];
  }
}
