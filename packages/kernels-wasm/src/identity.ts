/**
 * `Identity` for the wasm backend without a copy. tfjs clones (through `Identity`) every tensor a
 * gradient will need while it records a training step, and the shipped wasm kernel copies the
 * whole buffer each time (in a CNN step: every activation, several times). Tensors are immutable,
 * so sharing the buffer and counting the reference — what the cpu and webgl backends do, and what
 * the wasm `Reshape` does — gives the same result for free. Strings go to the shipped kernel.
 */
import { Identity, type IdentityInputs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { delegate, wasmKernel } from './wasm-kernel-utils';

/** Builds the kernel; `shipped` (tfjs-backend-wasm's own) serves string tensors. */
export function makeIdentityConfig(shipped: KernelConfig | undefined): KernelConfig {
  return wasmKernel<IdentityInputs, Record<string, never>>(
    Identity,
    (args) => {
      const x = args.inputs.x as TensorInfo;
      if (x.dtype === 'string') {
        if (shipped) return delegate(shipped, args.raw);
        throw new Error(`${Identity} (wasm): string tensors need tfjs-backend-wasm's own kernel`);
      }
      args.backend.incRef(x.dataId);
      return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    },
    shipped?.setupFunc,
  );
}
