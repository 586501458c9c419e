/**
 * Test support for the wasm training kernels (used by the `*.test.ts` beside them, not exported by
 * the package): run one kernel on the wasm and cpu backends from the same plain arrays, and
 * compare. Tensors belong to one backend, so inputs stay plain arrays and are re-created per run.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { backend_util } from '@tensorflow/tfjs-core';
// The union package registers the cpu backend and every gradient (tfjs-core alone has none).
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels, type WasmTrainingKernelsReport } from '../register-wasm-training-kernels';

/** One kernel input as plain data. */
export interface PlainTensor {
  values: Float32Array | Int32Array;
  shape: number[];
}

/** The shipped wasm kernels, captured before `registerWasmTrainingKernels` replaces them. */
export const shippedWasmKernels = new Map<string, tf.KernelConfig>();

let report: WasmTrainingKernelsReport | undefined;

/** Registers our kernels (once per test file) and initialises the wasm and cpu backends. */
export async function setUpBackends(): Promise<WasmTrainingKernelsReport> {
  if (!report) {
    for (const k of tf.getKernelsForBackend('wasm')) shippedWasmKernels.set(k.kernelName, k);
    report = registerWasmTrainingKernels();
  }
  await tf.setBackend('cpu');
  await tf.setBackend('wasm');
  return report;
}

/** Deterministic uniform values in [lo, hi) (a small LCG, so tests never depend on Math.random). */
export function seededValues(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return out;
}

/** A float tensor as plain data. */
export interface PlainFloats {
  values: Float32Array;
  shape: number[];
}

/** A float tensor of `shape` with seeded uniform values in [-scale, scale). */
export function seededTensor(shape: number[], seed: number, scale = 1): PlainFloats {
  return { values: seededValues(sizeOf(shape), seed, -scale, scale), shape };
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Runs `kernelName` through the engine on `backend` and returns its output values and shape.
 * With `kernel`, runs that config's function instead of the registered one (e.g. a shipped kernel
 * that ours replaced).
 */
export async function runKernel(
  backend: 'wasm' | 'cpu',
  kernelName: string,
  inputs: Record<string, PlainTensor>,
  attrs: tf.NamedAttrMap,
  kernel?: tf.KernelConfig,
): Promise<{ values: Float32Array; shape: number[] }> {
  await tf.setBackend(backend);
  const tensors: tf.NamedTensorMap = {};
  for (const [name, t] of Object.entries(inputs)) tensors[name] = tf.tensor(t.values, t.shape, t.values instanceof Int32Array ? 'int32' : 'float32');
  let out: tf.Tensor;
  if (kernel) {
    // A replaced kernel's setup (binding its wasm function) may never have run.
    kernel.setupFunc?.(tf.backend());
    const info = kernel.kernelFunc({ inputs: tensors, backend: tf.backend(), attrs });
    const single = Array.isArray(info) ? info[0] : info;
    out = tf.engine().makeTensorFromTensorInfo(single);
  } else {
    out = tf.engine().runKernel(kernelName, tensors, attrs) as tf.Tensor;
  }
  const values = Float32Array.from(out.dataSync());
  const shape = out.shape.slice();
  out.dispose();
  tf.dispose(Object.values(tensors));
  return { values, shape };
}

/** max |a − e| / max(1, |e|) over all elements (relative for large values, absolute near 0). */
export function maxRelAbsError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    if (a === e) continue;
    const err = Math.abs(a - e) / Math.max(1, Math.abs(e));
    if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : err;
  }
  return worst;
}

/**
 * `steps` optimizer steps on Σ(w − target)² on one backend, from `w0`; the final weights. Used to
 * compare a fused wasm optimizer update with the op-by-op path of the cpu backend.
 */
export async function optimizeQuadratic(
  backend: 'wasm' | 'cpu',
  makeOptimizer: () => tf.Optimizer,
  w0: Float32Array,
  target: Float32Array,
  steps: number,
): Promise<Float32Array> {
  await tf.setBackend(backend);
  const w = tf.variable(tf.tensor1d(w0));
  const t = tf.tensor1d(target);
  const opt = makeOptimizer();
  for (let i = 0; i < steps; i++) opt.minimize(() => tf.sum(tf.square(tf.sub(w, t))) as tf.Scalar, false, [w]);
  const out = Float32Array.from(await w.data());
  opt.dispose();
  w.dispose();
  t.dispose();
  return out;
}

/** Largest absolute difference of two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** One convolution shape for the conv gradient kernels' tests (NHWC input, HWIO filter). */
export interface ConvCase {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | backend_util.ExplicitPadding;
}

/** Shapes both conv gradient kernels are tested on: zoo layers at a small batch, then edge cases. */
export const SHARED_CONV_CASES: readonly ConvCase[] = [
  { name: 'MNIST CNN conv2', x: [3, 14, 14, 10], filter: [2, 2, 10, 10], strides: 1, pad: 'same' },
  { name: 'MNIST CNN conv3', x: [3, 7, 7, 10], filter: [2, 2, 10, 10], strides: 1, pad: 'same' },
  { name: 'pneumonia conv2', x: [1, 64, 64, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'same' },
  { name: 'pneumonia conv5', x: [1, 8, 8, 64], filter: [3, 3, 64, 128], strides: 1, pad: 'same' },
  // Odd sizes, strides, paddings, 1 and 3 input channels, CO not a multiple of 4.
  { name: 'odd, 3 channels, valid', x: [3, 9, 7, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'valid' },
  { name: 'odd, 1 channel, same', x: [2, 11, 6, 1], filter: [3, 2, 1, 3], strides: 1, pad: 'same' },
  { name: 'stride 2 same', x: [2, 9, 8, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { name: 'stride 2 valid', x: [3, 9, 8, 3], filter: [2, 3, 3, 6], strides: 2, pad: 'valid' },
  {
    name: 'explicit padding',
    x: [2, 6, 7, 2],
    filter: [3, 2, 2, 3],
    strides: 1,
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
  { name: '1x1 filter', x: [2, 5, 5, 6], filter: [1, 1, 6, 7], strides: 1, pad: 'valid' },
];
