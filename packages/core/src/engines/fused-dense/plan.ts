/**
 * Planning for the fused dense trainer: which models it takes (a Sequential stack of trainable
 * Dense layers on the wasm backend with the SIMD loops, an optimizer with a host update rule, a
 * softmax/categorical or sigmoid/binary output) and the per-layer plan, or the reason why not.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { LossName } from '../../losses';
import { isHostUpdatable, type HostUpdateRule } from '../../optimizer-state';
import { simdKernelsFor, WASM_BACKEND_NAME, type SimdKernels } from '@nnlab/kernels-wasm';

/** Activations the trainer differentiates. */
export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';
const HIDDEN: readonly Activation[] = ['linear', 'relu', 'sigmoid', 'tanh'];

/** One Dense layer as the trainer sees it; sizes in floats. */
export interface DensePlan {
  name: string;
  inputs: number;
  units: number;
  /** `units` rounded up to a multiple of 4: the row stride of this layer's heap buffers. */
  stride: number;
  activation: Activation;
  kernel: tf.Variable;
  bias: tf.Variable | null;
  /** Positions of kernel and bias in `model.trainableWeights` (the optimizer's slot indices). */
  kernelIndex: number;
  biasIndex: number;
}

export const roundUp4 = (n: number): number => (n + 3) & ~3;

/** Everything a trainer needs, once `model`, optimizer, loss and backend qualify. */
export interface FusedDensePlan {
  layers: DensePlan[];
  rule: HostUpdateRule;
  backend: BackendWasm;
  simd: SimdKernels;
}

/** The plan, or why `model` cannot train through the fused dense trainer. */
export function planFusedDense(model: tf.LayersModel, optimizer: tf.Optimizer, loss: LossName): FusedDensePlan | string {
  const layers = planLayers(model, loss);
  if (typeof layers === 'string') return layers;
  if (tf.getBackend() !== WASM_BACKEND_NAME) return `the active backend is ${tf.getBackend()} (the fused dense trainer runs on wasm)`;
  const backend = tf.backend() as BackendWasm;
  const simd = simdKernelsFor(backend);
  if (!simd) return 'the wasm heap has no SIMD loops (no WebAssembly SIMD here)';
  const rule = isHostUpdatable(optimizer) ? optimizer.hostUpdateRule() : null;
  if (!rule) return `the optimizer ${optimizer.getClassName()} has no host update rule (KerasRMSprop without momentum or centering, and KerasAdam, have one)`;
  return { layers, rule, backend, simd };
}

/** Why `model` cannot train through the fused dense trainer, or null when it can. */
export function fusedDenseSupport(model: tf.LayersModel, optimizer: tf.Optimizer, loss: LossName): string | null {
  const plan = planFusedDense(model, optimizer, loss);
  return typeof plan === 'string' ? plan : null;
}

function planLayers(model: tf.LayersModel, loss: LossName): DensePlan[] | string {
  if (!(model instanceof tf.Sequential)) return 'only Sequential models are fused';
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  if (layers.length === 0) return 'the model has no layers';
  const trainable = model.trainableWeights.map((w) => w.originalName);
  const plans: DensePlan[] = [];
  let inputs = 0;
  for (const [i, layer] of layers.entries()) {
    const kind = layer.getClassName();
    if (kind !== 'Dense') return `layer '${layer.name}' is ${kind}; only stacks of Dense layers are fused`;
    if (!layer.trainable) return `layer '${layer.name}' is frozen`;
    const config = layer.getConfig();
    for (const key of ['kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'biasConstraint']) {
      if (config[key] != null) return `layer '${layer.name}' has a ${key}`;
    }
    const activation = String(config.activation) as Activation;
    const last = i === layers.length - 1;
    if (!last && !HIDDEN.includes(activation)) return `hidden activation '${activation}' of layer '${layer.name}' is not fused`;
    const [kernel, bias] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const inShape = layer.getInputAt(0) as tf.SymbolicTensor;
    if (inShape.shape.length !== 2) return `layer '${layer.name}' takes a rank-${inShape.shape.length} input (the fused trainer takes flat features)`;
    if (kernel.dtype !== 'float32' || kernel.shape.length !== 2) return `layer '${layer.name}' has a ${kernel.dtype} kernel of rank ${kernel.shape.length}`;
    const [k, units] = kernel.shape;
    if (i > 0 && k !== inputs) return `layer '${layer.name}' takes ${k} inputs after a layer of ${inputs} units`;
    const kernelIndex = trainable.indexOf(layer.trainableWeights[0].originalName);
    const biasIndex = bias ? trainable.indexOf(layer.trainableWeights[1].originalName) : -1;
    if (kernelIndex < 0 || (bias && biasIndex < 0)) return `the weights of layer '${layer.name}' are not among the model's trainable weights`;
    plans.push({ name: layer.name, inputs: k, units, stride: roundUp4(units), activation, kernel, bias: bias ?? null, kernelIndex, biasIndex });
    inputs = units;
  }
  if (trainable.length !== plans.reduce((s, p) => s + (p.bias ? 2 : 1), 0)) return 'the model has trainable weights outside its Dense layers';
  const out = plans[plans.length - 1];
  if (loss === 'categoricalCrossentropy' && out.activation !== 'softmax') {
    return `categorical cross-entropy is fused after a softmax output, not '${out.activation}'`;
  }
  if (loss === 'binaryCrossentropy' && out.activation !== 'sigmoid') return `binary cross-entropy is fused after a sigmoid output, not '${out.activation}'`;
  return plans;
}
