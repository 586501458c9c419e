/**
 * Registers the wasm training kernels with tfjs: the gradient kernels tfjs-backend-wasm 4.22 lacks
 * (so CNNs can train on wasm at all) and faster, exact replacements for shipped ones that dominate
 * a CNN training step. Call it after importing '@tensorflow/tfjs-backend-wasm' (which registers the
 * shipped kernels), before or after `tf.setBackend('wasm')`.
 */
import { getGradient, getKernel, getKernelsForBackend, registerGradient, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { makeAddConfig } from './add';
import { makeBatchMatMulConfig } from './batch-mat-mul';
import { makeCastConfig } from './cast';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
import { makeConv2DBackpropInputConfig } from './conv2d-backprop-input';
import { makeIdentityConfig } from './identity';
import { makeMaxPoolConfig } from './max-pool';
import { maxPoolGradConfig } from './max-pool-grad';
import { adamUpdateConfig } from './adam-update';
import { rmspropUpdateConfig } from './rmsprop-update';
import { makeReluConfig, RELU_GRAD, reluGradConfig, reluGradGradConfig, reluGradKernelConfig } from './relu';
import { makeSumConfig } from './sum';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum';
import { WASM_BACKEND_NAME } from './wasm-kernel-utils';

/** An error with a stable `code` (nnlab's hosts map codes to exit codes and messages). */
export class WasmKernelsError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'WasmKernelsError';
    this.code = code;
  }
}

/** Whether a kernel fills a gap in tfjs-backend-wasm or replaces one of its kernels. */
export type WasmTrainingKernelKind = 'missing' | 'replacement';

/** One entry of `WASM_TRAINING_KERNELS`. */
export interface WasmTrainingKernel {
  readonly kernelName: string;
  readonly kind: WasmTrainingKernelKind;
  /** Why it is here (what needs it, or what is wrong with the shipped one). */
  readonly reason: string;
  /** Builds the config; `shipped` is tfjs-backend-wasm's own kernel, if any (replacements delegate to it). */
  make(shipped: KernelConfig | undefined): KernelConfig;
}

/** Every kernel `registerWasmTrainingKernels` knows, in registration order. */
export const WASM_TRAINING_KERNELS: readonly WasmTrainingKernel[] = [
  {
    kernelName: conv2DBackpropFilterConfig.kernelName,
    kind: 'missing',
    reason: 'gradient of conv2d w.r.t. its filter; absent from tfjs-backend-wasm 4.22 (tfjs#8474), so no CNN trains on wasm without it',
    make: () => conv2DBackpropFilterConfig,
  },
  {
    kernelName: 'Conv2DBackpropInput',
    kind: 'replacement',
    reason: 'the shipped kernel is a scalar loop nest, the largest cost of a CNN step; this one runs on XNNPACK (same results, ~10x faster)',
    make: (shipped) => makeConv2DBackpropInputConfig(shipped),
  },
  {
    kernelName: maxPoolGradConfig.kernelName,
    kind: 'replacement',
    reason:
      'the shipped kernel recomputes each window argmax per input pixel and breaks ties unlike the cpu backend; this one is one SIMD pass with cpu tie-breaking (3-10x faster)',
    make: () => maxPoolGradConfig,
  },
  {
    kernelName: 'MaxPool',
    kind: 'replacement',
    reason: "disjoint 2×2 pools (every pool of the zoo) in one SIMD pass with the cpu backend's NaN handling, ~2x the shipped kernel; other pools delegate",
    make: (shipped) => makeMaxPoolConfig(shipped),
  },
  {
    kernelName: 'Identity',
    kind: 'replacement',
    reason:
      'tfjs clones every tensor a gradient needs through Identity and the shipped kernel copies the buffer; sharing it (as cpu/webgl do) is exact and free',
    make: (shipped) => makeIdentityConfig(shipped),
  },
  {
    kernelName: 'Cast',
    kind: 'replacement',
    reason: 'a cast to the same dtype (relu gradient: cast(step(x), float32)) copies the buffer in the shipped kernel; shared here, other casts delegate',
    make: (shipped) => makeCastConfig(shipped),
  },
  {
    kernelName: 'Add',
    kind: 'replacement',
    reason:
      'bias add ([..., C] + [C]) takes a slow general broadcasting path in the shipped kernel; a SIMD row-vector add here (identical sums), other shapes delegate',
    make: (shipped) => makeAddConfig(shipped),
  },
  {
    kernelName: 'Sum',
    kind: 'replacement',
    reason:
      'bias gradient (sum over leading axes) transposes the whole tensor in the shipped kernel; SIMD row sums here (float64 across blocks), other reductions delegate',
    make: (shipped) => makeSumConfig(shipped),
  },
  {
    kernelName: 'BatchMatMul',
    kind: 'replacement',
    reason:
      'transposed products (every Dense layer gradient: xᵀ·dy, dy·Wᵀ) take a scalar loop in the shipped kernel; rewritten here into XNNPACK products with explicit transposes (3-5x faster), others delegate',
    make: (shipped) => makeBatchMatMulConfig(shipped),
  },
  {
    kernelName: 'Relu',
    kind: 'replacement',
    reason: 'the shipped relu streams at a third of memory bandwidth; one SIMD max(x, 0) pass here (same values), non-float32 delegates',
    make: (shipped) => makeReluConfig(shipped),
  },
  {
    kernelName: RELU_GRAD,
    kind: 'missing',
    reason:
      "relu's gradient dy · step(x) in one pass instead of Step then Multiply (two passes and a temporary as large as the layer); relu's gradient uses it on wasm",
    make: () => reluGradKernelConfig,
  },
  {
    kernelName: rmspropUpdateConfig.kernelName,
    kind: 'missing',
    reason: "nnlab's fused Keras RMSprop step (one pass per variable instead of nine element-wise kernels); KerasRMSprop uses it on wasm",
    make: () => rmspropUpdateConfig,
  },
  {
    kernelName: adamUpdateConfig.kernelName,
    kind: 'missing',
    reason: "nnlab's fused Keras Adam step (one pass per variable instead of a dozen element-wise kernels); KerasAdam uses it on wasm",
    make: () => adamUpdateConfig,
  },
  {
    kernelName: unsortedSegmentSumConfig.kernelName,
    kind: 'missing',
    reason: 'gradient of gather (embeddings); absent from tfjs-backend-wasm 4.22',
    make: () => unsortedSegmentSumConfig,
  },
];

/** Options of `registerWasmTrainingKernels`. */
export interface RegisterWasmTrainingKernelsOptions {
  /**
   * Also replace the shipped kernels listed as `'replacement'` (Conv2DBackpropInput, MaxPoolGrad,
   * Identity, Cast, Add, Sum, Relu, MaxPool, BatchMatMul; all but the first two
   * only take over the cases they speed up).
   * Default `DEFAULT_REPLACE_SHIPPED` (true). Replacements made by an earlier call stay.
   */
  replaceShipped?: boolean;
}

/** Default of `RegisterWasmTrainingKernelsOptions.replaceShipped`. */
export const DEFAULT_REPLACE_SHIPPED = true;

/** What `registerWasmTrainingKernels` did. */
export interface WasmTrainingKernelsReport {
  /** Kernels this call registered. */
  registered: string[];
  /** Kernels of this package in effect for wasm after this call (this call's and earlier ones'). */
  active: string[];
  /** Kernels left alone, and why. */
  skipped: { kernelName: string; reason: string }[];
}

/** Our config per kernel name, as registered (for idempotence). */
const ours = new Map<string, KernelConfig>();

/**
 * Registers the wasm training kernels. Idempotent: a kernel of ours already in place is left as is.
 * A kernel tfjs-backend-wasm already provides is skipped unless it is a `'replacement'` and
 * `replaceShipped` is on; a replacement keeps the shipped kernel's setup function and delegates to
 * it for what it does not handle (NCHW). Throws when tfjs-backend-wasm has not been imported.
 */
export function registerWasmTrainingKernels(options: RegisterWasmTrainingKernelsOptions = {}): WasmTrainingKernelsReport {
  const replaceShipped = options.replaceShipped ?? DEFAULT_REPLACE_SHIPPED;
  if (getKernelsForBackend(WASM_BACKEND_NAME).length === 0) {
    throw new WasmKernelsError(
      'WASM_BACKEND_NOT_LOADED',
      "registerWasmTrainingKernels: no kernels are registered for 'wasm'; import '@tensorflow/tfjs-backend-wasm' before calling it",
    );
  }
  const report: WasmTrainingKernelsReport = { registered: [], active: [], skipped: [] };
  for (const entry of WASM_TRAINING_KERNELS) {
    const current = getKernel(entry.kernelName, WASM_BACKEND_NAME);
    if (current && current === ours.get(entry.kernelName)) {
      report.active.push(entry.kernelName);
      report.skipped.push({ kernelName: entry.kernelName, reason: 'already registered' });
      continue;
    }
    if (current && entry.kind === 'missing') {
      report.skipped.push({ kernelName: entry.kernelName, reason: 'tfjs-backend-wasm provides it' });
      continue;
    }
    if (current && !replaceShipped) {
      report.skipped.push({ kernelName: entry.kernelName, reason: 'shipped kernel kept (replaceShipped: false)' });
      continue;
    }
    const config = entry.make(current);
    if (current) unregisterKernel(entry.kernelName, WASM_BACKEND_NAME);
    registerKernel(config);
    ours.set(entry.kernelName, config);
    report.registered.push(entry.kernelName);
    report.active.push(entry.kernelName);
  }
  // Relu's gradient runs NnlabReluGrad where the active backend has it (and tfjs' own formula
  // elsewhere), so it is installed once, for every backend.
  if (report.active.includes(RELU_GRAD) && getGradient('Relu') !== reluGradConfig) {
    registerGradient(reluGradConfig);
    registerGradient(reluGradGradConfig);
  }
  return report;
}
