/**
 * `Add` for the wasm backend, fast for a bias add: a float32 tensor [..., C] plus a vector of C
 * (shape [C] or [1, …, 1, C]) in either order, C ≥ 4, streams through the periodic SIMD add of
 * `assembly/add-periodic.ts` (the bias repeated to a period that no vector straddles), or the
 * row-by-row loop of `assembly/add-row-vector.ts` for tensors of fewer than 4 rows.
 * The shipped kernel takes a general broadcasting path for it, several times slower than a plain
 * add (a conv layer's bias add in a CNN step). Every other case goes to the shipped kernel. The
 * sums are the same float32 additions, so the results are identical.
 */
import { Add, type BinaryInputs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { channelPeriod, elementwiseKernelsFor, simdKernelsFor } from './loops';
import { allocF32, delegate, f32View, heapAddress, release, wasmKernel } from './wasm-kernel-utils';

/** When `vec` broadcasts along the last axis of `full` as a row vector: that axis' length, else 0. */
export function rowVectorLength(full: readonly number[], vec: readonly number[]): number {
  if (full.length === 0 || vec.length === 0 || vec.length > full.length) return 0;
  const c = full[full.length - 1];
  if (vec[vec.length - 1] !== c) return 0;
  for (let i = 0; i < vec.length - 1; i++) if (vec[i] !== 1) return 0;
  return c;
}

/** Builds the kernel; `shipped` (tfjs-backend-wasm's own) does everything but bias adds. */
export function makeAddConfig(shipped: KernelConfig | undefined): KernelConfig {
  return wasmKernel<BinaryInputs, Record<string, never>>(
    Add,
    (args) => {
      const { backend } = args;
      const a = args.inputs.a as TensorInfo;
      const b = args.inputs.b as TensorInfo;
      let full: TensorInfo | null = null;
      let vec: TensorInfo | null = null;
      if (a.dtype === 'float32' && b.dtype === 'float32') {
        if (rowVectorLength(a.shape, b.shape) >= 4) [full, vec] = [a, b];
        else if (rowVectorLength(b.shape, a.shape) >= 4) [full, vec] = [b, a];
      }
      const simd = full && vec ? simdKernelsFor(backend) : null;
      if (!simd || !full || !vec) {
        if (shipped) return delegate(shipped, args.raw);
        throw new Error(`${Add} (wasm): tfjs-backend-wasm's own kernel is needed for shapes [${a.shape.join(', ')}] + [${b.shape.join(', ')}]`);
      }
      const c = full.shape[full.shape.length - 1];
      const total = full.shape.reduce((p, d) => p * d, 1);
      const rows = total / c;
      const out = allocF32(backend, [...full.shape]);
      const loops = elementwiseKernelsFor(backend);
      if (rows > 0 && loops && total >= 4 * c) {
        // The bias repeated over one period: every vector of the stream then lies within it.
        const period = channelPeriod(c);
        const rep = allocF32(backend, [period]);
        const repView = f32View(backend, rep);
        const vecView = f32View(backend, vec);
        for (let i = 0; i < period; i++) repView[i] = vecView[i % c];
        const body = total & ~3;
        loops.addPeriodic(heapAddress(backend, full), heapAddress(backend, rep), heapAddress(backend, out), body * 4, period * 4);
        if (body < total) {
          const fs = f32View(backend, full);
          const os = f32View(backend, out);
          const vs = f32View(backend, vec);
          for (let i = body; i < total; i++) os[i] = fs[i] + vs[i % c];
        }
        release(backend, rep);
      } else if (rows > 0) {
        simd.addRowVector(heapAddress(backend, full), heapAddress(backend, vec), heapAddress(backend, out), rows, c);
      }
      return out;
    },
    shipped?.setupFunc,
  );
}
