/**
 * `NnlabRMSpropUpdate`: one Keras RMSprop step for one variable in a single pass over the wasm
 * heap, in place of the nine element-wise kernels (square, scale, add, sqrt, add, scale, divide,
 * subtract…) the op-by-op update dispatches per variable and step. Inputs `value`, `meanSquare`,
 * `gradient` (float32, same shape); attrs `learningRate`, `rho`, `epsilon`; outputs the new value
 * and the new mean square (Keras' rule: ε inside the root):
 *   v' = ρ·v + (1 − ρ)·g²;   θ' = θ − η·g / √(v' + ε)
 * computed in float32 steps (Math.fround) as the op-by-op path does.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, f32View, WASM_BACKEND_NAME } from './wasm-kernel-utils';

/** Kernel name (nnlab's own; only the wasm backend has it). */
export const RMSPROP_UPDATE = 'NnlabRMSpropUpdate';

/** Attributes of `NnlabRMSpropUpdate`. */
export interface RmspropUpdateAttrs {
  learningRate: number;
  rho: number;
  epsilon: number;
}

export const rmspropUpdateConfig: KernelConfig = {
  kernelName: RMSPROP_UPDATE,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: ({ inputs, backend, attrs }) => {
    const b = backend as BackendWasm;
    const value = inputs.value as TensorInfo;
    const meanSquare = inputs.meanSquare as TensorInfo;
    const gradient = inputs.gradient as TensorInfo;
    const { learningRate, rho, epsilon } = attrs as unknown as RmspropUpdateAttrs;
    const newValue = allocF32(b, [...value.shape]);
    const newMeanSquare = allocF32(b, [...value.shape]);
    // Views only after allocating: an allocation may grow (and detach) the heap.
    const v = f32View(b, value);
    const m = f32View(b, meanSquare);
    const g = f32View(b, gradient);
    const outV = f32View(b, newValue);
    const outM = f32View(b, newMeanSquare);
    if (m.length !== v.length || g.length !== v.length) {
      throw new RangeError(`${RMSPROP_UPDATE}: value, meanSquare and gradient sizes differ (${v.length}, ${m.length}, ${g.length})`);
    }
    rmspropStep(v, m, g, outV, outM, { learningRate, rho, epsilon });
    return [newValue, newMeanSquare];
  },
};

/**
 * One RMSprop step over arrays in float32 arithmetic (the kernel above, and trainers that compute
 * gradients themselves). The outputs may be the inputs (an element-wise update in place).
 */
export function rmspropStep(
  value: Float32Array,
  meanSquare: Float32Array,
  gradient: Float32Array,
  outValue: Float32Array,
  outMeanSquare: Float32Array,
  attrs: RmspropUpdateAttrs,
): void {
  const f = Math.fround;
  const r = f(attrs.rho);
  const oneMinusR = f(1 - attrs.rho);
  const lr = f(attrs.learningRate);
  const eps = f(attrs.epsilon);
  for (let i = 0; i < value.length; i++) {
    const gi = gradient[i];
    const ms = f(f(meanSquare[i] * r) + f(f(gi * gi) * oneMinusR));
    outMeanSquare[i] = ms;
    outValue[i] = value[i] - f(f(gi * lr) / f(Math.sqrt(f(ms + eps))));
  }
}
