/**
 * @nnlab/kernels-wasm — training kernels for tfjs-backend-wasm: the gradient kernels it lacks and
 * faster, exact replacements for shipped ones, over SIMD loops written in AssemblyScript
 * (`assembly/`, one loop per file) and compiled at build time. Browser-safe; depends on tfjs only.
 *
 * Groups: registration · fused optimizer updates · SIMD loops · heap helpers.
 */

// Registration with tfjs (the table of kernels and the call that installs them)
export { DEFAULT_REPLACE_SHIPPED, WASM_TRAINING_KERNELS, WasmKernelsError, registerWasmTrainingKernels } from './register-wasm-training-kernels';
export type {
  RegisterWasmTrainingKernelsOptions,
  WasmTrainingKernel,
  WasmTrainingKernelKind,
  WasmTrainingKernelsReport,
} from './register-wasm-training-kernels';
export { RELU_GRAD } from './relu';

// Fused optimizer updates (kernel names, and the same float32 rule over plain arrays)
export { ADAM_UPDATE, adamStep } from './adam-update';
export type { AdamUpdateAttrs } from './adam-update';
export { RMSPROP_UPDATE, rmspropStep } from './rmsprop-update';
export type { RmspropUpdateAttrs } from './rmsprop-update';

// SIMD loops bound to the wasm heap (the fused dense trainer calls gemm4xN directly)
export { channelPeriod, elementwiseKernelsFor, setElementwiseKernelsDisabled, setSimdKernelsDisabled, simdKernelsFor, WASM_LOOP_MODULES } from './loops';
export type { ElementwiseKernels, SimdKernels } from './loops';

// Heap helpers (views, temporaries, addresses on tfjs-backend-wasm's heap)
export { allocF32, allocI32, f32View, heapAddress, i32View, release, WASM_BACKEND_NAME, wasmHeapMemory } from './wasm-kernel-utils';
