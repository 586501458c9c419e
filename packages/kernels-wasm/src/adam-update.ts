/**
 * `NnlabAdamUpdate`: one Keras Adam step for one variable in a single pass over the wasm heap,
 * in place of the dozen element-wise kernels of the op-by-op update. Inputs `value`, `m`, `v`,
 * `gradient` (float32, same shape); attrs `alpha` (η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)), `beta1`, `beta2`,
 * `epsilon`; outputs the new value, m and v:
 *   m' = β₁·m + (1 − β₁)·g;   v' = β₂·v + (1 − β₂)·g²;   θ' = θ − α·m' / (√v' + ε)
 * computed in float32 steps (Math.fround) as the op-by-op path does.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allocF32, f32View, WASM_BACKEND_NAME } from './wasm-kernel-utils';

/** Kernel name (nnlab's own; only the wasm backend has it). */
export const ADAM_UPDATE = 'NnlabAdamUpdate';

/** Attributes of `NnlabAdamUpdate`. */
export interface AdamUpdateAttrs {
  alpha: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const adamUpdateConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: ({ inputs, backend, attrs }) => {
    const b = backend as BackendWasm;
    const value = inputs.value as TensorInfo;
    const { alpha, beta1, beta2, epsilon } = attrs as unknown as AdamUpdateAttrs;
    const outs = [allocF32(b, [...value.shape]), allocF32(b, [...value.shape]), allocF32(b, [...value.shape])];
    // Views only after allocating: an allocation may grow (and detach) the heap.
    const th = f32View(b, value);
    const m = f32View(b, inputs.m as TensorInfo);
    const v = f32View(b, inputs.v as TensorInfo);
    const g = f32View(b, inputs.gradient as TensorInfo);
    const [outTh, outM, outV] = outs.map((o) => f32View(b, o));
    if (m.length !== th.length || v.length !== th.length || g.length !== th.length) {
      throw new RangeError(`${ADAM_UPDATE}: value, m, v and gradient sizes differ`);
    }
    adamStep(th, m, v, g, outTh, outM, outV, { alpha, beta1, beta2, epsilon });
    return outs;
  },
};

/**
 * One Adam step over arrays in float32 arithmetic (the kernel above, and trainers that compute
 * gradients themselves). The outputs may be the inputs (an element-wise update in place).
 */
export function adamStep(
  value: Float32Array,
  m: Float32Array,
  v: Float32Array,
  gradient: Float32Array,
  outValue: Float32Array,
  outM: Float32Array,
  outV: Float32Array,
  attrs: AdamUpdateAttrs,
): void {
  const f = Math.fround;
  const b1 = f(attrs.beta1);
  const b2 = f(attrs.beta2);
  const c1 = f(1 - attrs.beta1);
  const c2 = f(1 - attrs.beta2);
  const a = f(attrs.alpha);
  const eps = f(attrs.epsilon);
  for (let i = 0; i < value.length; i++) {
    const gi = gradient[i];
    const mi = f(f(m[i] * b1) + f(gi * c1));
    const vi = f(f(v[i] * b2) + f(f(gi * gi) * c2));
    outM[i] = mi;
    outV[i] = vi;
    outValue[i] = value[i] - f(f(mi * a) / f(f(Math.sqrt(vi)) + eps));
  }
}
