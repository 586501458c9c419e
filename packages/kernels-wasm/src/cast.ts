/**
 * `Cast` for the wasm backend: a cast to the tensor's own dtype shares the buffer instead of
 * copying it (the gradient of `relu` casts the float32 `step(x)` to float32 in every layer of a
 * training step). A cast of numbers to bool is x ≠ 0 as on the cpu backend (the shipped kernel
 * stores the number modulo 256: 2 → 2, 256 → 0, −2 → 254). Every other conversion goes to the
 * shipped kernel.
 */
import { Cast, type CastAttrs, type CastInputs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { delegate, f32View, i32View, wasmKernel } from './wasm-kernel-utils';

/** Builds the kernel; `shipped` (tfjs-backend-wasm's own) does every real conversion. */
export function makeCastConfig(shipped: KernelConfig | undefined): KernelConfig {
  return wasmKernel<CastInputs, CastAttrs>(
    Cast,
    (args) => {
      const x = args.inputs.x as TensorInfo;
      if (x.dtype === args.attrs.dtype && x.dtype !== 'string' && x.dtype !== 'complex64') {
        args.backend.incRef(x.dataId);
        return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
      }
      if (args.attrs.dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) {
        const out = args.backend.makeOutput([...x.shape], 'bool');
        const src = x.dtype === 'float32' ? f32View(args.backend, x) : i32View(args.backend, x);
        const dst = args.backend.typedArrayFromHeap(out);
        for (let i = 0; i < src.length; i++) dst[i] = src[i] !== 0 ? 1 : 0;
        return out;
      }
      if (shipped) return delegate(shipped, args.raw);
      throw new Error(`${Cast} (wasm): a cast from ${x.dtype} to ${args.attrs.dtype} needs tfjs-backend-wasm's own kernel`);
    },
    shipped?.setupFunc,
  );
}
