/**
 * `BatchMatMul` for the wasm backend with transposed operands on the fast path. tfjs-backend-wasm
 * runs XNNPACK's SIMD matmul only when neither side is transposed; `transposeA`/`transposeB` fall
 * to a scalar loop nest. Backpropagation through every Dense layer asks for exactly those
 * (dW = xᵀ·dy, dx = dy·Wᵀ), so an MLP step spends most of its time there. Here a transposed
 * product is rewritten into an untransposed one with the shipped `Transpose` kernel:
 *   A·Bᵀ → A·T(B);   Aᵀ·B → T(A)·B.
 * (Measured on fresh operands, as in training, where XNNPACK cannot reuse packed weights:
 * T(A)·B beats the alternative T(T(B)·A) for dW = xᵀ·dy.)
 * Products of the same float32 numbers, summed in another order: results agree with the shipped
 * kernel to float32 rounding. Batches > 1 and non-float32 tensors go to the shipped kernel.
 */
import { BatchMatMul, type BatchMatMulAttrs, type BatchMatMulInputs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { delegate, release, shippedKernel, singleOutput, wasmKernel, xnnMatMul } from './wasm-kernel-utils';

function transpose(backend: BackendWasm, x: TensorInfo): TensorInfo {
  return singleOutput('Transpose', shippedKernel('Transpose').kernelFunc({ inputs: { x }, backend, attrs: { perm: [0, 2, 1] } }));
}

/** Builds the kernel; `shipped` does batches > 1, other dtypes and untransposed products. */
export function makeBatchMatMulConfig(shipped: KernelConfig | undefined): KernelConfig {
  return wasmKernel<BatchMatMulInputs, BatchMatMulAttrs>(
    BatchMatMul,
    (args) => {
      const { backend, attrs } = args;
      const a = args.inputs.a as TensorInfo;
      const b = args.inputs.b as TensorInfo;
      const fast =
        (attrs.transposeA || attrs.transposeB) &&
        a.dtype === 'float32' &&
        b.dtype === 'float32' &&
        a.shape.length === 3 &&
        b.shape.length === 3 &&
        a.shape[0] === 1 &&
        b.shape[0] === 1;
      if (!fast) {
        if (shipped) return delegate(shipped, args.raw);
        throw new Error(`${BatchMatMul} (wasm): tfjs-backend-wasm's own kernel is needed`);
      }
      const temps: TensorInfo[] = [];
      const keep = (t: TensorInfo) => (temps.push(t), t);
      try {
        // Untransposed right operand first.
        const right = attrs.transposeB ? keep(transpose(backend, b)) : b; // [1, K, N]
        const left = attrs.transposeA ? keep(transpose(backend, a)) : a; // [1, M, K]
        return xnnMatMul(backend, left, right);
      } finally {
        for (const t of temps) release(backend, t);
      }
    },
    shipped?.setupFunc,
  );
}
