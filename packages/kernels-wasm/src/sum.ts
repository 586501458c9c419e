/**
 * `Sum` for the wasm backend, fast for the gradient of a bias add: a float32 tensor summed over its
 * leading axes (e.g. [N, H, W, C] over N, H, W). The shipped kernel first transposes the whole
 * tensor to make those axes innermost. Here rows are added by the periodic SIMD sum of
 * `assembly/sum-periodic.ts` (rows left over by the period: the row loop of `assembly/sum-rows.ts`) in
 * blocks, float32 within a block and float64 across blocks (closer to the cpu backend, which sums
 * in float64, than one long float32 sum). Every other case goes to the shipped kernel.
 */
import { backend_util, Sum, util, type KernelConfig, type SumAttrs, type SumInputs, type TensorInfo } from '@tensorflow/tfjs-core';
import { channelPeriod, elementwiseKernelsFor, simdKernelsFor } from './loops';
import { allocF32, delegate, f32View, heapAddress, release, wasmKernel } from './wasm-kernel-utils';

/** Rows summed in float32 before the partial sums move to float64. */
export const SUM_BLOCK_ROWS = 512;

/** k when `axes` (any order, possibly negative) are exactly the leading axes 0..k−1 with 0 < k < rank; else 0. */
export function leadingAxesCount(shape: readonly number[], axis: number | number[]): number {
  const axes = [...new Set(util.parseAxisParam(axis, [...shape]))].sort((p, q) => p - q);
  if (axes.length === 0 || axes.length >= shape.length) return 0;
  return axes.every((ax, i) => ax === i) ? axes.length : 0;
}

/** Builds the kernel; `shipped` (tfjs-backend-wasm's own) does every other reduction. */
export function makeSumConfig(shipped: KernelConfig | undefined): KernelConfig {
  return wasmKernel<SumInputs, SumAttrs>(
    Sum,
    (args) => {
      const { backend } = args;
      const x = args.inputs.x as TensorInfo;
      const { axis, keepDims } = args.attrs;
      const k = x.dtype === 'float32' ? leadingAxesCount(x.shape, axis) : 0;
      const c = k > 0 ? util.sizeFromShape(x.shape.slice(k)) : 0;
      const simd = c >= 4 ? simdKernelsFor(backend) : null;
      if (!simd) {
        if (shipped) return delegate(shipped, args.raw);
        throw new Error(`${Sum} (wasm): tfjs-backend-wasm's own kernel is needed for this reduction`);
      }
      const rows = util.sizeFromShape(x.shape.slice(0, k));
      const reduced = x.shape.slice(k);
      const outShape = keepDims ? backend_util.expandShapeToKeepDim(reduced, [...Array(k).keys()]) : reduced;
      const scratch = allocF32(backend, [c]);
      const out = allocF32(backend, outShape);
      const xAddr = heapAddress(backend, x);
      const scratchAddr = heapAddress(backend, scratch);
      const acc = new Float64Array(c);
      const loops = elementwiseKernelsFor(backend);
      const period = channelPeriod(c);
      const periodRows = period / c;
      let r0 = 0;
      if (loops && rows >= periodRows) {
        // Whole periods stream through the periodic SIMD sum (lane q collects channel q mod c of
        // every (period/c)-th row), in blocks of about SUM_BLOCK_ROWS rows; leftover rows below.
        const periodic = allocF32(backend, [period]);
        const periodicAddr = heapAddress(backend, periodic);
        const blockRows = periodRows * Math.max(1, Math.round(SUM_BLOCK_ROWS / periodRows));
        const fullRows = rows - (rows % periodRows);
        for (let b0 = 0; b0 < fullRows; b0 += blockRows) {
          const n = Math.min(blockRows, fullRows - b0);
          const view = f32View(backend, periodic);
          view.fill(0);
          loops.sumPeriodic(xAddr + b0 * c * 4, periodicAddr, n * c * 4, period * 4);
          for (let q = 0; q < period; q++) acc[q % c] += view[q];
        }
        release(backend, periodic);
        r0 = fullRows;
      }
      for (; r0 < rows; r0 += SUM_BLOCK_ROWS) {
        const view = f32View(backend, scratch);
        view.fill(0);
        simd.sumRows(xAddr + r0 * c * 4, scratchAddr, Math.min(SUM_BLOCK_ROWS, rows - r0), c);
        for (let j = 0; j < c; j++) acc[j] += view[j];
      }
      f32View(backend, out).set(acc);
      release(backend, scratch);
      return out;
    },
    shipped?.setupFunc,
  );
}
