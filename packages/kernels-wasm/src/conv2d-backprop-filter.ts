/**
 * `Conv2DBackpropFilter` for the wasm backend, which tfjs-backend-wasm 4.22 lacks (tfjs#8474), so
 * the gradient of every `conv2d` (and of `fused.conv2d`) fails there.
 *
 * dW[ky, kx, ci, co] = Σ_{b, oy, ox} x[b, oy·sh + ky − top, ox·sw + kx − left, ci] · dy[b, oy, ox, co]
 *
 * is a GEMM colsᵀ [K, M] @ dy [M, CO] (K = KH·KW·CI, M = N·OH·OW). Both operands are large and the
 * result small, so it runs on this package's SIMD loop (`assembly/gemm.ts`), which reads them where
 * they lie; XNNPACK (through the shipped `BatchMatMul`) would re-pack dy on every call, which costs
 * more than the arithmetic, so it is only the fallback when the SIMD module is unavailable.
 *
 * Stride 1 needs no im2col at all: in a channel-planar, zero-padded copy of x, the patch values of
 * one (tap, channel) over the output positions sit at one address plus offsets shared by all taps,
 * so each GEMM row is just an address into that copy. Other strides gather colsᵀ explicitly. NHWC only: the wasm backend's forward `Conv2D` is
 * NHWC-only, so an NCHW gradient cannot arise on wasm.
 */
import { backend_util, Conv2DBackpropFilter, type Conv2DBackpropFilterAttrs, type Conv2DBackpropFilterInputs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernelsFor, type SimdKernels } from './loops';
import { allocF32, allocI32, assertFloat32, f32View, heapAddress, i32View, release, viewAs, wasmKernel, xnnMatMul } from './wasm-kernel-utils';

/**
 * Fills `cols` ([K, M] row-major, K = KH·KW·CI, M = N·OH·OW) with the transposed im2col of NHWC `x`:
 * cols[((kh·KW + kw)·CI + ci)·M + (b·OH + oh)·OW + ow] = x[b, oh·sh + kh − top, ow·sw + kw − left, ci]
 * (0 outside the image).
 */
export function im2colTransposed(x: Float32Array, cols: Float32Array, info: backend_util.Conv2DInfo): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const m = n * oh * ow;
  const colStep = sw * ci;
  // Valid output-column range per filter column: 0 <= ow·sw + kx − left < w.
  const owLo = new Int32Array(kw);
  const owHi = new Int32Array(kw);
  for (let kx = 0; kx < kw; kx++) {
    const lo = Math.min(ow, Math.max(0, Math.ceil((left - kx) / sw)));
    const hi = Math.min(ow, Math.floor((w - 1 + left - kx) / sw) + 1);
    owLo[kx] = lo;
    owHi[kx] = Math.max(lo, hi);
  }
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const colBase = (b * oh + oy) * ow;
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * sh + ky - top;
        const rowInside = iy >= 0 && iy < h;
        const xRow = (b * h + iy) * w * ci;
        for (let kx = 0; kx < kw; kx++) {
          const lo = owLo[kx];
          const hi = owHi[kx];
          for (let c = 0; c < ci; c++) {
            const dst = ((ky * kw + kx) * ci + c) * m + colBase;
            if (!rowInside) {
              cols.fill(0, dst, dst + ow);
              continue;
            }
            if (lo > 0) cols.fill(0, dst, dst + lo);
            if (hi < ow) cols.fill(0, dst + hi, dst + ow);
            let src = xRow + (lo * sw + kx - left) * ci + c;
            for (let o = dst + lo, end = dst + hi; o < end; o++, src += colStep) cols[o] = x[src];
          }
        }
      }
    }
  }
}

/**
 * Stride-1 geometry: x zero-padded to Hp × Wp (Hp = OH + KH − 1, Wp = OW + KW − 1) and stored
 * channel-planar, each plane M' = N·Hp·Wp floats. The patch value of tap (ky, kx), channel c at
 * output (b, oy, ox) is then plane c at (b·Hp + oy + ky)·Wp + ox + kx: per tap and channel, one
 * address plus the same offsets for every tap, which is what the SIMD GEMM's row table expresses.
 */
export interface PaddedGrid {
  hp: number;
  wp: number;
  /** N·Hp·Wp: floats per plane. */
  mp: number;
}

export function paddedGrid(info: backend_util.Conv2DInfo): PaddedGrid {
  const hp = info.outHeight + info.filterHeight - 1;
  const wp = info.outWidth + info.filterWidth - 1;
  return { hp, wp, mp: info.batchSize * hp * wp };
}

/** Channel-planar zero-padded copy of NHWC x: planes[c·M' + (b·Hp + top + y)·Wp + left + x] = x[b, y, x, c]. */
export function fillPaddedPlanes(x: Float32Array, planes: Float32Array, info: backend_util.Conv2DInfo, grid: PaddedGrid): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci } = info;
  const { hp, wp, mp } = grid;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  planes.fill(0);
  let src = 0;
  if (ci === 1) {
    for (let b = 0; b < n; b++) {
      for (let y = 0; y < h; y++, src += w) {
        planes.set(x.subarray(src, src + w), (b * hp + top + y) * wp + left);
      }
    }
    return;
  }
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      const rowDst = (b * hp + top + y) * wp + left;
      for (let xx = 0; xx < w; xx++) {
        let dst = rowDst + xx;
        for (let c = 0; c < ci; c++, dst += mp) planes[dst] = x[src++];
      }
    }
  }
}

function roundUp4(v: number): number {
  return (v + 3) & ~3;
}

/** Bytes of dy one SIMD call reduces over, so that block stays in cache across the filter rows. */
const D_BLOCK_BYTES = 64 * 1024;

/**
 * The SIMD path, any stride. The GEMM's rows (one per filter tap and input channel) are addresses
 * into the padded planes (stride 1) or into an explicit colsᵀ (other strides); its right-hand side
 * is dy itself. With CO not a multiple of 4, the last vector of a dy row reads into the next row:
 * those columns of the result are never copied out.
 */
function backpropFilterSimd(backend: BackendWasm, simd: SimdKernels, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, outHeight: oh, outWidth: ow, inChannels: ci, outChannels: co, filterHeight: kh, filterWidth: kw } = info;
  const k = kh * kw * ci;
  const kp = roundUp4(k);
  const cop = roundUp4(co);
  const m = n * oh * ow;
  const grid = info.strideHeight === 1 && info.strideWidth === 1 ? paddedGrid(info) : null;

  // Allocate everything first: any allocation may grow (and detach) the heap.
  const rowsData = grid ? allocF32(backend, [ci * grid.mp]) : allocF32(backend, [k * m]);
  const table = allocI32(backend, [kp]);
  const scratch = allocF32(backend, [kp * cop]);
  const out = allocF32(backend, [kh, kw, ci, co]);
  // dy's last row read runs (cop − co) floats past its end: fine inside the heap, else pad a copy.
  const heapEnd = f32View(backend, out).buffer.byteLength;
  const dyPadded = heapAddress(backend, dy) + (m * co + cop - co) * 4 > heapEnd ? allocF32(backend, [m * cop]) : null;

  const rowsView = f32View(backend, rowsData);
  const rowsAddr = heapAddress(backend, rowsData);
  const tableView = i32View(backend, table);
  if (grid) {
    fillPaddedPlanes(f32View(backend, x), rowsView, info, grid);
    for (let ky = 0, r = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        for (let c = 0; c < ci; c++, r++) tableView[r] = rowsAddr + (c * grid.mp + ky * grid.wp + kx) * 4;
      }
    }
  } else {
    im2colTransposed(f32View(backend, x), rowsView, info);
    for (let r = 0; r < k; r++) tableView[r] = rowsAddr + r * m * 4;
  }
  // Padding rows of the last block of 4 repeat row 0; their results are ignored.
  for (let r = k; r < kp; r++) tableView[r] = tableView[0];
  let dAddr = heapAddress(backend, dy);
  let dColStride = co * 4;
  if (dyPadded) {
    const src = f32View(backend, dy);
    const dst = f32View(backend, dyPadded);
    dst.fill(0);
    for (let p = 0; p < m; p++) dst.set(src.subarray(p * co, (p + 1) * co), p * cop);
    dAddr = heapAddress(backend, dyPadded);
    dColStride = cop * 4;
  }
  const scratchView = f32View(backend, scratch);
  scratchView.fill(0);
  const tableAddr = heapAddress(backend, table);
  const outAddr = heapAddress(backend, scratch);
  const outStride = cop * 4;
  const run = (d: number, rowCount: number, colCount: number, aRowStride: number, dRowStride: number, mOff: number): void => {
    let j = 0;
    for (; j + 8 <= cop; j += 8) {
      simd.gemm4x2(tableAddr, kp, d + j * 4, rowCount, colCount, aRowStride, dRowStride, dColStride, outAddr + j * 4, outStride, mOff);
    }
    if (j < cop) simd.gemm4x1(tableAddr, kp, d + j * 4, rowCount, colCount, aRowStride, dRowStride, dColStride, outAddr + j * 4, outStride, mOff);
  };
  if (grid) {
    // Reduce over (b, oy, ox) a block of output rows at a time; in the planes an output row is
    // Wp floats further on, in dy OW·CO.
    const dRow = ow * dColStride;
    const rowsPerCall = Math.max(1, Math.floor(D_BLOCK_BYTES / dRow));
    for (let b = 0; b < n; b++) {
      for (let oy = 0; oy < oh; oy += rowsPerCall) {
        const rowCount = Math.min(rowsPerCall, oh - oy);
        run(dAddr + (b * oh + oy) * dRow, rowCount, ow, grid.wp * 4, dRow, (b * grid.hp + oy) * grid.wp * 4);
      }
    }
  } else {
    const block = Math.max(64, Math.floor(D_BLOCK_BYTES / dColStride));
    for (let m0 = 0; m0 < m; m0 += block) run(dAddr + m0 * dColStride, 1, Math.min(block, m - m0), 0, 0, m0 * 4);
  }

  const outView = f32View(backend, out);
  if (cop === co) {
    outView.set(scratchView.subarray(0, k * co));
  } else {
    for (let r = 0; r < k; r++) outView.set(scratchView.subarray(r * cop, r * cop + co), r * co);
  }
  release(backend, rowsData);
  release(backend, table);
  release(backend, scratch);
  if (dyPadded) release(backend, dyPadded);
  return out;
}

/** Fallback without the SIMD module: explicit colsᵀ, GEMM on XNNPACK (which re-packs dy). */
function backpropFilterXnn(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const m = info.batchSize * info.outHeight * info.outWidth;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const cols = allocF32(backend, [1, k, m]);
  im2colTransposed(f32View(backend, x), f32View(backend, cols), info);
  const out = xnnMatMul(backend, cols, viewAs(dy, [1, m, info.outChannels]));
  release(backend, cols);
  return viewAs(out, [...info.filterShape]);
}

function conv2DBackpropFilterWasm({
  inputs,
  backend,
  attrs,
}: {
  inputs: Conv2DBackpropFilterInputs;
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const x = inputs.x as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat === 'NCHW') {
    throw new Error(`${Conv2DBackpropFilter} (wasm): dataFormat 'NCHW' is not supported (the wasm Conv2D is NHWC-only)`);
  }
  assertFloat32(Conv2DBackpropFilter, 'x', x);
  assertFloat32(Conv2DBackpropFilter, 'dy', dy);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { batchSize, outHeight, outWidth, outChannels, filterHeight, filterWidth, inChannels } = info;
  const expected = [batchSize, outHeight, outWidth, outChannels];
  if (dy.shape.length !== 4 || dy.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`${Conv2DBackpropFilter} (wasm): dy has shape [${dy.shape.join(', ')}], expected [${expected.join(', ')}]`);
  }
  if (batchSize * outHeight * outWidth === 0 || filterHeight * filterWidth * inChannels === 0 || outChannels === 0) {
    const out = allocF32(backend, [...filterShape]);
    f32View(backend, out).fill(0);
    return out;
  }
  const simd = simdKernelsFor(backend);
  return simd ? backpropFilterSimd(backend, simd, x, dy, info) : backpropFilterXnn(backend, x, dy, info);
}

/** The wasm `Conv2DBackpropFilter` kernel. */
export const conv2DBackpropFilterConfig = wasmKernel(Conv2DBackpropFilter, conv2DBackpropFilterWasm);
