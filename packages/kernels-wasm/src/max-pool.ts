/**
 * `MaxPool` for the wasm backend, fast for the pools of the zoo: disjoint 2×2 windows (stride 2,
 * no padding) over NHWC float32 with at least 4 channels run on the SIMD loop of
 * `assembly/max-pool-2x2.ts`, one image at a time, with the cpu backend's semantics (first maximum
 * in row-major order, NaN ignored). Every other pool goes to the shipped kernel.
 */
import { backend_util, MaxPool, type KernelConfig, type MaxPoolAttrs, type MaxPoolInputs, type TensorInfo } from '@tensorflow/tfjs-core';
import { elementwiseKernelsFor } from './loops';
import { allocF32, delegate, heapAddress, wasmKernel } from './wasm-kernel-utils';

/** Whether the SIMD loop applies: 2×2 windows, stride 2, no padding, at least 4 channels. */
export function disjoint2x2Pool(info: backend_util.Conv2DInfo): boolean {
  const { padInfo } = info;
  return (
    info.filterHeight === 2 &&
    info.filterWidth === 2 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    info.strideHeight === 2 &&
    info.strideWidth === 2 &&
    padInfo.top === 0 &&
    padInfo.left === 0 &&
    padInfo.bottom === 0 &&
    padInfo.right === 0 &&
    info.inChannels >= 4 &&
    info.outHeight * 2 <= info.inHeight &&
    info.outWidth * 2 <= info.inWidth
  );
}

/** Builds the kernel; `shipped` (tfjs-backend-wasm's own) does every other pool. */
export function makeMaxPoolConfig(shipped: KernelConfig | undefined): KernelConfig {
  return wasmKernel<MaxPoolInputs & { x: TensorInfo }, MaxPoolAttrs>(
    MaxPool,
    (args) => {
      const { backend } = args;
      const x = args.inputs.x;
      const { filterSize, strides, pad, dimRoundingMode } = args.attrs;
      const info =
        x.shape.length === 4 ? backend_util.computePool2DInfo(x.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode) : null;
      const loops = info && x.dtype === 'float32' && disjoint2x2Pool(info) ? elementwiseKernelsFor(backend) : null;
      if (!info || !loops) {
        if (shipped) return delegate(shipped, args.raw);
        throw new Error(`${MaxPool} (wasm): tfjs-backend-wasm's own kernel is needed for this pool`);
      }
      const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
      const out = allocF32(backend, [n, oh, ow, c]);
      const xAddr = heapAddress(backend, x);
      const outAddr = heapAddress(backend, out);
      for (let b = 0; b < n; b++) loops.maxPool2x2(xAddr + b * h * w * c * 4, outAddr + b * oh * ow * c * 4, oh, ow, c, w * c * 4);
      return out;
    },
    shipped?.setupFunc,
  );
}
