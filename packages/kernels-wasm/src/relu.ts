/**
 * `Relu` and relu's gradient for the wasm backend, each one SIMD pass (`assembly/relu.ts`,
 * `assembly/relu-grad.ts`).
 *
 * - `Relu` (replacement): max(x, 0) over float32 tensors; other dtypes go to the shipped kernel.
 * - `NnlabReluGrad` (nnlab's own): dy · step(x). tfjs differentiates relu as
 *   `mul(dy, cast(step(x), 'float32'))`: two passes over the layer's largest tensor (Step, then
 *   Multiply) and a temporary as large. `reluGradConfig` replaces relu's gradient with one that runs
 *   this kernel where the active backend has it, and that very formula everywhere else.
 */
import {
  cast,
  engine,
  getKernel,
  mul,
  Relu,
  step,
  type GradConfig,
  type KernelConfig,
  type Tensor,
  type TensorInfo,
  type UnaryInputs,
} from '@tensorflow/tfjs-core';
import { elementwiseKernelsFor } from './loops';
import { allocF32, delegate, f32View, heapAddress, wasmKernel, WASM_BACKEND_NAME } from './wasm-kernel-utils';

/** Kernel name of the fused relu gradient (nnlab's own; only the wasm backend has it). */
export const RELU_GRAD = 'NnlabReluGrad';

/** Inputs of `NnlabReluGrad`: the upstream gradient and relu's input, same shape, float32. */
export interface ReluGradInputs {
  dy: TensorInfo;
  x: TensorInfo;
  [name: string]: TensorInfo;
}

/** Builds the `Relu` replacement; `shipped` handles what it does not. */
export function makeReluConfig(shipped: KernelConfig | undefined): KernelConfig {
  return wasmKernel<UnaryInputs & { x: TensorInfo }, Record<string, never>>(
    Relu,
    (args) => {
      const { backend } = args;
      const x = args.inputs.x;
      const loops = x.dtype === 'float32' ? elementwiseKernelsFor(backend) : null;
      if (!loops) {
        if (shipped) return delegate(shipped, args.raw);
        throw new Error(`${Relu} (wasm): tfjs-backend-wasm's own kernel is needed for ${x.dtype}`);
      }
      const out = allocF32(backend, [...x.shape]);
      const n = f32View(backend, out).length;
      const body = n & ~3;
      loops.relu(heapAddress(backend, x), heapAddress(backend, out), body * 4);
      if (body < n) {
        const xs = f32View(backend, x);
        const os = f32View(backend, out);
        for (let i = body; i < n; i++) os[i] = Math.max(xs[i], 0);
      }
      return out;
    },
    shipped?.setupFunc,
  );
}

export const reluGradKernelConfig: KernelConfig = wasmKernel<ReluGradInputs, Record<string, never>>(RELU_GRAD, ({ inputs, backend }) => {
  const { dy, x } = inputs;
  if (dy.dtype !== 'float32' || x.dtype !== 'float32') throw new TypeError(`${RELU_GRAD}: dy and x must be float32, got ${dy.dtype} and ${x.dtype}`);
  const out = allocF32(backend, [...x.shape]);
  const n = f32View(backend, out).length;
  if (f32View(backend, dy).length !== n) throw new RangeError(`${RELU_GRAD}: dy [${dy.shape.join(', ')}] and x [${x.shape.join(', ')}] differ in size`);
  const loops = elementwiseKernelsFor(backend);
  const body = loops ? n & ~3 : 0;
  if (loops) loops.reluGrad(heapAddress(backend, dy), heapAddress(backend, x), heapAddress(backend, out), body * 4);
  if (body < n) {
    const d = f32View(backend, dy);
    const xs = f32View(backend, x);
    const os = f32View(backend, out);
    for (let i = body; i < n; i++) os[i] = d[i] * (xs[i] > 0 ? 1 : 0);
  }
  return out;
});

/** True when the active backend runs `NnlabReluGrad`. */
function fusedReluGradAvailable(): boolean {
  const backend = engine().backendName;
  return backend === WASM_BACKEND_NAME && getKernel(RELU_GRAD, backend) !== undefined;
}

function reluGrad(dy: Tensor, x: Tensor): Tensor {
  if (fusedReluGradAvailable() && dy.dtype === 'float32' && x.dtype === 'float32') {
    return engine().runKernel(RELU_GRAD, { dy, x } as unknown as Record<string, Tensor>) as Tensor;
  }
  return mul(dy, cast(step(x), 'float32'));
}

/** Relu's gradient: the fused kernel where the backend has it, tfjs' own formula elsewhere. */
export const reluGradConfig: GradConfig = {
  kernelName: Relu,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return { x: () => reluGrad(dy as Tensor, x) };
  },
};

/** Gradient of `NnlabReluGrad` itself (second-order differentiation): linear in dy, flat in x. */
export const reluGradGradConfig: GradConfig = {
  kernelName: RELU_GRAD,
  inputsToSave: ['x'],
  gradFunc: (ddx, saved) => {
    const [x] = saved;
    return { dy: () => reluGrad(ddx as Tensor, x), x: () => mul(x, 0) };
  },
};
