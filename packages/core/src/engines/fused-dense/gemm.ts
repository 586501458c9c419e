/**
 * The fused dense trainer's one call site of the SIMD matrix product: `gemm4xN` over the column
 * blocks of a row of `outStride` floats (3 vectors at a time, then 2 or 1). The loops are
 * `@nnlab/kernels-wasm`'s AssemblyScript `gemm4x1/2/3` (packages/kernels-wasm/assembly/gemm.ts).
 */
import type { SimdKernels } from '@nnlab/kernels-wasm';

/** out[:, 0..outStride) += rows of `table` · d, in blocks of 4-float columns (addresses in bytes). */
export function gemmColumns(
  simd: SimdKernels,
  table: number,
  kp: number,
  d: number,
  rowCount: number,
  colCount: number,
  aRowStride: number,
  dRowStride: number,
  dColStride: number,
  out: number,
  outStride: number,
): void {
  for (let col = 0; col < outStride;) {
    const left = (outStride - col) >> 2;
    const args = [table, kp, d + col * 4, rowCount, colCount, aRowStride, dRowStride, dColStride, out + col * 4, outStride * 4, 0] as const;
    if (left >= 3) {
      simd.gemm4x3(...args);
      col += 12;
    } else if (left === 2) {
      simd.gemm4x2(...args);
      col += 8;
    } else {
      simd.gemm4x1(...args);
      col += 4;
    }
  }
}
