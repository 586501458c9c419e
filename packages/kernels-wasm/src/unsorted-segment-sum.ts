/**
 * `UnsortedSegmentSum` for the wasm backend, which tfjs-backend-wasm 4.22 lacks. The zoo's models
 * do not need it, but the gradient of `gather` (embeddings, `tf.gather` on weights) does, so
 * training such a model on wasm would fail without it.
 *
 * out[s, ...] = Σ_{i : segmentIds[i] = s} x[i, ...] for float32 x and 1-D int32 segmentIds; ids
 * outside [0, numSegments) are dropped, as on the cpu backend. Sums accumulate in float64.
 * (The cpu backend computes mask·x per segment, so a NaN/±∞ row there poisons every segment; here
 * it reaches only its own.)
 */
import { UnsortedSegmentSum, type TensorInfo, type UnsortedSegmentSumAttrs, type UnsortedSegmentSumInputs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, assertFloat32, f32View, i32View, wasmKernel } from './wasm-kernel-utils';

/** out (numSegments × inner, overwritten) = segment sums of x (rows × inner). */
export function segmentSum(x: Float32Array, ids: Int32Array, out: Float32Array, numSegments: number, inner: number): void {
  const acc = new Float64Array(numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) acc[dst + j] += x[src + j];
  }
  out.set(acc);
}

function unsortedSegmentSumWasm({
  inputs,
  backend,
  attrs,
}: {
  inputs: UnsortedSegmentSumInputs;
  backend: BackendWasm;
  attrs: UnsortedSegmentSumAttrs;
}): TensorInfo {
  const x = inputs.x as TensorInfo;
  const segmentIds = inputs.segmentIds as TensorInfo;
  const { numSegments } = attrs;
  assertFloat32(UnsortedSegmentSum, 'x', x);
  if (segmentIds.dtype !== 'int32' || segmentIds.shape.length !== 1 || segmentIds.shape[0] !== x.shape[0]) {
    throw new Error(
      `${UnsortedSegmentSum} (wasm): segmentIds must be int32 of shape [${x.shape[0]}], got ${segmentIds.dtype} [${segmentIds.shape.join(', ')}]`,
    );
  }
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(`${UnsortedSegmentSum} (wasm): numSegments must be a non-negative integer, got ${numSegments}`);
  }
  const rest = x.shape.slice(1);
  const inner = rest.reduce((a, b) => a * b, 1);
  const out = allocF32(backend, [numSegments, ...rest]);
  segmentSum(f32View(backend, x), i32View(backend, segmentIds), f32View(backend, out), numSegments, inner);
  return out;
}

/** The wasm `UnsortedSegmentSum` kernel. */
export const unsortedSegmentSumConfig = wasmKernel(UnsortedSegmentSum, unsortedSegmentSumWasm);
