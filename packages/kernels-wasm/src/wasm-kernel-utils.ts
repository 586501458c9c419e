/**
 * Shared plumbing of the wasm training kernels: a typed adapter from a kernel implementation to a
 * tfjs `KernelConfig`, heap views, temporary tensors on the wasm heap, and calls into the kernels
 * tfjs-backend-wasm ships (its XNNPACK `BatchMatMul` and `Conv2D`).
 *
 * Heap rule: the wasm heap may grow on any allocation (`makeOutput`, or a shipped kernel that
 * allocates its output), and growing detaches every earlier view. So every kernel here allocates
 * first and only then takes views with `f32View`, and takes them again after calling a shipped
 * kernel.
 */
import {
  backend_util,
  BatchMatMul,
  Conv2D,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  type KernelSetupFunc,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** The tfjs backend name these kernels are for. */
export const WASM_BACKEND_NAME = 'wasm';

/** The untyped arguments tfjs passes to every kernel. */
export type KernelArgs = Parameters<KernelFunc>[0];

/** A kernel implementation with its real input and attribute types. */
export type WasmKernelImpl<I extends NamedTensorInfoMap, A> = (args: {
  inputs: I;
  backend: BackendWasm;
  attrs: A;
  /** The same arguments as tfjs passed them, for delegating to another kernel function. */
  raw: KernelArgs;
}) => TensorInfo;

/**
 * Wraps a typed implementation as a tfjs `KernelConfig` for the wasm backend. tfjs hands every
 * kernel untyped inputs/attrs (`NamedTensorInfoMap`, `NamedAttrMap`, `backend: {}`); the engine
 * guarantees they are the kernel's own `*Inputs`/`*Attrs`, so this is the one place that says so.
 */
export function wasmKernel<I extends NamedTensorInfoMap, A>(kernelName: string, impl: WasmKernelImpl<I, A>, setupFunc?: KernelSetupFunc): KernelConfig {
  const config: KernelConfig = {
    kernelName,
    backendName: WASM_BACKEND_NAME,
    kernelFunc: (raw) => impl({ inputs: raw.inputs as I, backend: raw.backend as BackendWasm, attrs: (raw.attrs ?? {}) as unknown as A, raw }),
  };
  if (setupFunc) config.setupFunc = setupFunc;
  return config;
}

/** The heap's `WebAssembly.Memory`: emscripten keeps it as `wasmMemory` (threaded) or `asm.memory`. */
export function wasmHeapMemory(backend: BackendWasm): WebAssembly.Memory | null {
  const mod: object = backend.wasm;
  if ('wasmMemory' in mod && mod.wasmMemory instanceof WebAssembly.Memory) return mod.wasmMemory;
  if ('asm' in mod && typeof mod.asm === 'object' && mod.asm !== null && 'memory' in mod.asm && mod.asm.memory instanceof WebAssembly.Memory) {
    return mod.asm.memory;
  }
  return null;
}

/** Byte address of a tensor's data in the wasm heap. */
export function heapAddress(backend: BackendWasm, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId).memoryOffset;
}

function elementCount(info: TensorInfo): number {
  let n = 1;
  for (const d of info.shape) n *= d;
  return n;
}

/**
 * A float32 view of a tensor's bytes on the wasm heap. Valid until the next allocation. Built on
 * the Memory object's current buffer when there is one: in the threaded build the module's cached
 * heap views can lag behind a growth made by another thread.
 */
export function f32View(backend: BackendWasm, info: TensorInfo): Float32Array {
  if (info.dtype !== 'float32') {
    throw new TypeError(`wasm training kernels: expected a float32 tensor, got ${info.dtype} [${info.shape.join(', ')}]`);
  }
  const memory = wasmHeapMemory(backend);
  if (memory) return new Float32Array(memory.buffer, heapAddress(backend, info), elementCount(info));
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) throw new TypeError('wasm training kernels: the heap view of a float32 tensor is not a Float32Array');
  return view;
}

/** An int32 view of a tensor's bytes on the wasm heap. Valid until the next allocation. */
export function i32View(backend: BackendWasm, info: TensorInfo): Int32Array {
  if (info.dtype !== 'int32') {
    throw new TypeError(`wasm training kernels: expected an int32 tensor, got ${info.dtype} [${info.shape.join(', ')}]`);
  }
  const memory = wasmHeapMemory(backend);
  if (memory) return new Int32Array(memory.buffer, heapAddress(backend, info), elementCount(info));
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Int32Array)) throw new TypeError('wasm training kernels: the heap view of an int32 tensor is not an Int32Array');
  return view;
}

/** Throws unless `info` is float32 (the only dtype conv/pool gradients take). */
export function assertFloat32(kernelName: string, inputName: string, info: TensorInfo): void {
  if (info.dtype !== 'float32') {
    throw new TypeError(`${kernelName} (wasm): input '${inputName}' must be float32, got ${info.dtype}`);
  }
}

/** Allocates an uninitialised float32 tensor on the wasm heap (it may grow the heap). */
export function allocF32(backend: BackendWasm, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

/** Allocates an uninitialised int32 tensor on the wasm heap (it may grow the heap). */
export function allocI32(backend: BackendWasm, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'int32');
}

/** Frees a temporary tensor made by `allocF32` or a shipped kernel call. */
export function release(backend: BackendWasm, info: TensorInfo): void {
  backend.disposeData(info.dataId);
}

/** Same bytes, another shape (no copy; the caller keeps ownership of `info`). */
export function viewAs(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Runs another kernel config (typically the shipped one a replacement wraps) on the same arguments. */
export function delegate(kernel: KernelConfig, raw: KernelArgs): TensorInfo {
  return singleOutput(kernel.kernelName, kernel.kernelFunc(raw));
}

/** tfjs-backend-wasm's own kernel (throws when the wasm package was not imported). */
export function shippedKernel(kernelName: string): KernelConfig {
  const kernel = getKernel(kernelName, WASM_BACKEND_NAME);
  if (!kernel) {
    throw new Error(`wasm training kernels need tfjs-backend-wasm's '${kernelName}' kernel: import '@tensorflow/tfjs-backend-wasm' first`);
  }
  return kernel;
}

/** The one output of a kernel call (the kernels used here all have one). */
export function singleOutput(kernelName: string, out: TensorInfo | TensorInfo[]): TensorInfo {
  if (Array.isArray(out)) throw new Error(`wasm '${kernelName}' returned ${out.length} outputs, expected one`);
  return out;
}

/**
 * `a @ b` for `a` [1, M, K] and `b` [1, K, N] through tfjs-backend-wasm's `BatchMatMul`, which
 * runs XNNPACK's SIMD fully-connected operator exactly when neither side is transposed and the
 * batch is 1 (any other call falls to its naive loop). XNNPACK packs `b` as "weights" and caches
 * the packed copy until `b`'s tensor is disposed, so pass a `b` that lives no longer than needed
 * and is not later reused as `b` with another shape. Returns a new [1, M, N] tensor.
 */
export function xnnMatMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  const attrs: NamedAttrMap = { transposeA: false, transposeB: false };
  return singleOutput(BatchMatMul, shippedKernel(BatchMatMul).kernelFunc({ inputs: { a, b }, backend, attrs }));
}

/** Explicit per-side padding for a stride-1, NHWC, XNNPACK convolution. */
export interface ConvPads {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Stride-1 NHWC convolution with explicit padding through tfjs-backend-wasm's `Conv2D` (XNNPACK).
 * XNNPACK caches the packed filter until `filter` is disposed.
 */
export function xnnConv2d(backend: BackendWasm, x: TensorInfo, filter: TensorInfo, pads: ConvPads): TensorInfo {
  const pad: backend_util.ExplicitPadding = [
    [0, 0],
    [pads.top, pads.bottom],
    [pads.left, pads.right],
    [0, 0],
  ];
  const attrs: NamedAttrMap = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] };
  return singleOutput(Conv2D, shippedKernel(Conv2D).kernelFunc({ inputs: { x, filter }, backend, attrs }));
}
