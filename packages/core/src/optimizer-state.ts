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
