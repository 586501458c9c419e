/**
 * `Conv2DBackpropInput` for the wasm backend, replacing the shipped one (a scalar loop nest in C,
 * the largest cost of a CNN training step on wasm).
 *
 * dx[b, iy, ix, ci] = Σ_{ky, kx, co} dy[b, oy, ox, co] · W[ky, kx, ci, co]  over iy = oy·sh + ky − top,
 * ix = ox·sw + kx − left.
 *
 * - Stride 1: that is a plain convolution of dy with the filter rotated 180° and its channel axes
 *   swapped, W'[ky', kx', co, ci] = W[KH−1−ky', KW−1−kx', ci, co], padded (KH−1−top) above and
 *   (KW−1−left) on the left; it runs on XNNPACK through the shipped wasm `Conv2D`.
 * - Other strides (or paddings larger than the filter): the patch gradients dcols [M, K] =
 *   dy [M, CO] @ Wᵀ [CO, K] run on XNNPACK (`BatchMatMul`, small Wᵀ as the packed side), then are
 *   scattered back into dx (col2im) here.
 *
 * NCHW (which the wasm forward `Conv2D` never produces) is handed to the shipped kernel.
 */
import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type Conv2DBackpropInputInputs,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, assertFloat32, delegate, f32View, release, viewAs, wasmKernel, xnnConv2d, xnnMatMul, type ConvPads } from './wasm-kernel-utils';

/** W [KH, KW, CI, CO] → W' [KH, KW, CO, CI] rotated 180° in the spatial axes. */
export function rotateFilter(w: Float32Array, out: Float32Array, kh: number, kw: number, ci: number, co: number): void {
  for (let ky = 0; ky < kh; ky++) {
    for (let kx = 0; kx < kw; kx++) {
      const src = ((kh - 1 - ky) * kw + (kw - 1 - kx)) * ci * co;
      const dst = (ky * kw + kx) * co * ci;
      for (let c = 0; c < ci; c++) {
        for (let o = 0; o < co; o++) out[dst + o * ci + c] = w[src + c * co + o];
      }
    }
  }
}

/** W [K, CO] → Wᵀ [CO, K]. */
export function transposeFilter(w: Float32Array, out: Float32Array, k: number, co: number): void {
  for (let r = 0; r < k; r++) {
    for (let o = 0; o < co; o++) out[o * k + r] = w[r * co + o];
  }
}

/** dx (zeroed here) += col2im(dcols): dcols [N·OH·OW, KH·KW·CI] back onto NHWC dx. */
export function col2im(dcols: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const k = kh * kw * ci;
  dx.fill(0);
  let src = 0;
  for (let b = 0; b < n; b++) {
    const imageBase = b * h * w * ci;
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++, src += k) {
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh + ky - top;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw + kx - left;
            if (ix < 0 || ix >= w) continue;
            const dst = imageBase + (iy * w + ix) * ci;
            const from = src + (ky * kw + kx) * ci;
            for (let c = 0; c < ci; c++) dx[dst + c] += dcols[from + c];
          }
        }
      }
    }
  }
}

/** Padding of the stride-1 transposed convolution, or null where a side would be negative. */
export function transposedConvPads(info: backend_util.Conv2DInfo): ConvPads | null {
  const { inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, filterHeight: kh, filterWidth: kw } = info;
  const pads = {
    top: kh - 1 - info.padInfo.top,
    left: kw - 1 - info.padInfo.left,
    bottom: 0,
    right: 0,
  };
  // Output rows of conv(dy padded) must equal the input's: oh + top + bottom − kh + 1 = h.
  pads.bottom = h - 1 + kh - oh - pads.top;
  pads.right = w - 1 + kw - ow - pads.left;
  return pads.top < 0 || pads.left < 0 || pads.bottom < 0 || pads.right < 0 ? null : pads;
}

function backpropInputStride1(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo, pads: ConvPads): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = info;
  const rotated = allocF32(backend, [kh, kw, co, ci]);
  rotateFilter(f32View(backend, filter), f32View(backend, rotated), kh, kw, ci, co);
  const dx = xnnConv2d(backend, dy, rotated, pads);
  release(backend, rotated);
  return dx;
}

function backpropInputGemm(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, outHeight: oh, outWidth: ow, outChannels: co, filterHeight: kh, filterWidth: kw, inChannels: ci } = info;
  const m = n * oh * ow;
  const k = kh * kw * ci;
  const wT = allocF32(backend, [1, co, k]);
  transposeFilter(f32View(backend, filter), f32View(backend, wT), k, co);
  const dcols = xnnMatMul(backend, viewAs(dy, [1, m, co]), wT);
  release(backend, wT);
  const dx = allocF32(backend, [...info.inShape]);
  col2im(f32View(backend, dcols), f32View(backend, dx), info);
  release(backend, dcols);
  return dx;
}

/** Builds the kernel; `shipped` (tfjs-backend-wasm's own) serves NCHW. */
export function makeConv2DBackpropInputConfig(shipped: KernelConfig | undefined): KernelConfig {
  return wasmKernel<Conv2DBackpropInputInputs, Conv2DBackpropInputAttrs>(
    Conv2DBackpropInput,
    (args) => {
      const { inputs, backend, attrs } = args;
      const dy = inputs.dy as TensorInfo;
      const filter = inputs.filter as TensorInfo;
      const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
      if (dataFormat === 'NCHW') {
        if (shipped) return delegate(shipped, args.raw);
        throw new Error(`${Conv2DBackpropInput} (wasm): dataFormat 'NCHW' is not supported (the wasm Conv2D is NHWC-only)`);
      }
      assertFloat32(Conv2DBackpropInput, 'dy', dy);
      assertFloat32(Conv2DBackpropInput, 'filter', filter);
      const info = backend_util.computeConv2DInfo(
        inputShape,
        filter.shape as [number, number, number, number],
        strides,
        1,
        pad,
        dimRoundingMode,
        false,
        'channelsLast',
      );
      const expected = info.outShape;
      if (dy.shape.length !== 4 || dy.shape.some((d, i) => d !== expected[i])) {
        throw new Error(`${Conv2DBackpropInput} (wasm): dy has shape [${dy.shape.join(', ')}], expected [${expected.join(', ')}]`);
      }
      if (info.batchSize * info.outHeight * info.outWidth === 0 || info.outChannels === 0) {
        const dx = allocF32(backend, [...info.inShape]);
        f32View(backend, dx).fill(0);
        return dx;
      }
      const pads = info.strideHeight === 1 && info.strideWidth === 1 ? transposedConvPads(info) : null;
      return pads ? backpropInputStride1(backend, dy, filter, info, pads) : backpropInputGemm(backend, dy, filter, info);
    },
    shipped?.setupFunc,
  );
}
