/**
 * What nnlab's Keras-exact optimizers share: reading the gradients tfjs hands `applyGradients`
 * (a map or a list), creating per-variable state lazily, and choosing the fused wasm update.
 */
import * as tf from '@tensorflow/tfjs';

/** A tensor with a name (tfjs' NamedTensor, not exported by the tfjs umbrella package). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** The variables and gradients of one `applyGradients` call, in order. */
export function gradientEntries(variableGradients: tf.NamedTensorMap | NamedTensor[]): { index: number; value: tf.Variable; gradient: tf.Tensor }[] {
  const entries: [string, tf.Tensor | undefined][] = Array.isArray(variableGradients)
    ? variableGradients.map((v) => [v.name, v.tensor])
    : Object.entries(variableGradients);
  const variables = tf.engine().registeredVariables;
  const out: { index: number; value: tf.Variable; gradient: tf.Tensor }[] = [];
  entries.forEach(([name, gradient], index) => {
    const value = variables[name];
    if (gradient && value) out.push({ index, value, gradient });
  });
  return out;
}

/** A zero-filled, non-trainable slot variable shaped like `value` (created once per index). */
export function slot(slots: tf.Variable[], index: number, value: tf.Variable, suffix: string): tf.Variable {
  slots[index] ??= tf.tidy(() => tf.zerosLike(value).variable(false, `${value.name}/${suffix}`));
  return slots[index];
}

/** True when the active backend is wasm and has the fused update kernel `kernelName`. */
export function fusedKernelAvailable(kernelName: string): boolean {
  const backend = tf.getBackend();
  return backend === 'wasm' && tf.getKernel(kernelName, backend) !== undefined;
}

/**
 * An optimizer's update rule for trainers that compute gradients themselves (the fused dense
 * trainer on wasm): the same float32 arithmetic as the fused update kernels, on plain arrays.
 */
export interface HostUpdateRule {
  /** The slot variables of variable `index` (created when missing), in the order `apply` takes them. */
  slots(index: number, value: tf.Variable): tf.Variable[];
  /** Starts a step (per-step constants such as Adam's bias correction). */
  beginStep(): void;
  /** One variable's update: reads `value` and `gradient`, writes `outValue`, updates `slots` in place. */
  apply(value: Float32Array, gradient: Float32Array, slots: Float32Array[], outValue: Float32Array): void;
  /** Ends the step (counts the iteration, as `applyGradients` does). */
  endStep(): void;
}

/** An optimizer that can hand its update rule to such a trainer. */
export interface HostUpdatable {
  /** The rule, or null when this configuration has none (the trainer then is not used). */
  hostUpdateRule(): HostUpdateRule | null;
}

/** True when `optimizer` offers `hostUpdateRule`. */
export function isHostUpdatable(optimizer: object): optimizer is HostUpdatable {
  return typeof (optimizer as Partial<HostUpdatable>).hostUpdateRule === 'function';
}
