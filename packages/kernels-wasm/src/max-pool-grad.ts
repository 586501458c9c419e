/**
 * `MaxPoolGrad` for the wasm backend, replacing the shipped one, which is slow (per input pixel it
 * revisits every window covering it and recomputes that window's argmax) and breaks ties
 * differently from the cpu backend.
 *
 * One pass over the windows: for each window and channel, find the argmax in the forward input
 * (first maximum in row-major window order, strictly greater wins, NaN never wins; a window with no
 * maximum passes no gradient — exactly the cpu backend's `maxPoolPositions`) and add dy there.
 * Disjoint 2×2 windows with ≥ 4 channels (every pool of the zoo) run on the SIMD loop of
 * `assembly/max-pool-grad-2x2.ts`, four channels per vector, without data-dependent branches; everything else
 * (and any window holding NaN or only −∞, or a non-finite dy, which the SIMD loop flags) takes the
 * scalar path.
 */
import { backend_util, MaxPoolGrad, type MaxPoolGradAttrs, type MaxPoolGradInputs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernelsFor, type SimdKernels } from './loops';
import { allocF32, assertFloat32, f32View, heapAddress, wasmKernel } from './wasm-kernel-utils';

/** dx += dy of window (b, oy, ox) routed to its argmax, channel by channel (cpu semantics). */
function poolWindow(x: Float32Array, dy: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo, b: number, oy: number, ox: number): void {
  const { inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const y0 = oy * info.strideHeight - info.padInfo.top;
  const x0 = ox * info.strideWidth - info.padInfo.left;
  const yLo = Math.max(0, y0);
  const yHi = Math.min(h, y0 + info.effectiveFilterHeight);
  const xLo = Math.max(0, x0);
  const xHi = Math.min(w, x0 + info.effectiveFilterWidth);
  const rowStride = w * c;
  const corner = (b * h + yLo) * rowStride + xLo * c;
  const dyAt = ((b * oh + oy) * ow + ox) * c;
  for (let ch = 0; ch < c; ch++) {
    let at = -1;
    let best = -Infinity;
    for (let y = yLo, row = corner + ch; y < yHi; y++, row += rowStride) {
      for (let xx = xLo, p = row; xx < xHi; xx++, p += c) {
        const v = x[p];
        if (v > best) {
          best = v;
          at = p;
        }
      }
    }
    if (at >= 0) dx[at] += dy[dyAt + ch];
  }
}

/** dx (zeroed here) = the max-pool gradient, scalar JS. NHWC; `info` from computePool2DInfo. */
export function maxPoolBackward(x: Float32Array, dy: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo): void {
  dx.fill(0);
  for (let b = 0; b < info.batchSize; b++) {
    for (let oy = 0; oy < info.outHeight; oy++) {
      for (let ox = 0; ox < info.outWidth; ox++) poolWindow(x, dy, dx, info, b, oy, ox);
    }
  }
}

/** Whether the SIMD loop applies: 2×2 windows that never overlap, at least 4 channels. */
export function simdPoolApplies(info: backend_util.Conv2DInfo): boolean {
  return info.effectiveFilterHeight === 2 && info.effectiveFilterWidth === 2 && info.strideHeight >= 2 && info.strideWidth >= 2 && info.inChannels >= 4;
}

function maxPoolBackwardSimd(backend: BackendWasm, simd: SimdKernels, x: TensorInfo, dy: TensorInfo, dx: TensorInfo, info: backend_util.Conv2DInfo): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const xv = f32View(backend, x);
  const dyv = f32View(backend, dy);
  const dxv = f32View(backend, dx);
  const xAddr = heapAddress(backend, x);
  const dyAddr = heapAddress(backend, dy);
  const dxAddr = heapAddress(backend, dx);
  // Cells no window covers stay 0; the SIMD loop writes all four cells of each window it handles.
  dxv.fill(0);
  // Output columns whose window lies fully inside the image: 0 <= ox·sw − left and ox·sw − left + 2 <= w.
  const oxLo = Math.min(ow, Math.ceil(left / sw));
  const oxHi = Math.max(oxLo, Math.min(ow, Math.floor((w - 2 + left) / sw) + 1));
  const rowBytes = w * c * 4;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh - top;
      if (y0 < 0 || y0 + 2 > h || oxHi === oxLo) {
        for (let ox = 0; ox < ow; ox++) poolWindow(xv, dyv, dxv, info, b, oy, ox);
        continue;
      }
      for (let ox = 0; ox < oxLo; ox++) poolWindow(xv, dyv, dxv, info, b, oy, ox);
      for (let ox = oxHi; ox < ow; ox++) poolWindow(xv, dyv, dxv, info, b, oy, ox);
      const cellOff = ((b * h + y0) * w + (oxLo * sw - left)) * c * 4;
      const flagged = simd.maxPoolGrad2x2(
        xAddr + cellOff,
        dyAddr + ((b * oh + oy) * ow + oxLo) * c * 4,
        dxAddr + cellOff,
        oxHi - oxLo,
        c,
        rowBytes,
        sw * c * 4,
      );
      if (flagged) {
        // NaN, all −∞ or a non-finite dy somewhere in this row: redo its windows exactly.
        for (let ox = oxLo; ox < oxHi; ox++) {
          const corner = cellOff / 4 + (ox - oxLo) * sw * c;
          dxv.fill(0, corner, corner + 2 * c);
          dxv.fill(0, corner + w * c, corner + w * c + 2 * c);
          poolWindow(xv, dyv, dxv, info, b, oy, ox);
        }
      }
    }
  }
}

function maxPoolGradWasm({ inputs, backend, attrs }: { inputs: MaxPoolGradInputs; backend: BackendWasm; attrs: MaxPoolGradAttrs }): TensorInfo {
  const dy = inputs.dy as TensorInfo;
  const x = inputs.input as TensorInfo;
  assertFloat32(MaxPoolGrad, 'dy', dy);
  assertFloat32(MaxPoolGrad, 'input', x);
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(x.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const expected = info.outShape;
  if (dy.shape.length !== 4 || dy.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`${MaxPoolGrad} (wasm): dy has shape [${dy.shape.join(', ')}], expected [${expected.join(', ')}]`);
  }
  const dx = allocF32(backend, [...x.shape]);
  const simd = simdPoolApplies(info) ? simdKernelsFor(backend) : null;
  if (simd) maxPoolBackwardSimd(backend, simd, x, dy, dx, info);
  else maxPoolBackward(f32View(backend, x), f32View(backend, dy), f32View(backend, dx), info);
  return dx;
}

/** The wasm `MaxPoolGrad` kernel (replaces the shipped one). */
export const maxPoolGradConfig = wasmKernel(MaxPoolGrad, maxPoolGradWasm);
