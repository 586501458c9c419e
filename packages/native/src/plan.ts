/**
 * The native engine's planner: a tfjs Sequential model → the plain description the addon builds
 * (`NativeModelDesc`), or the reason it cannot. Browser-safe (no addon here); the addon itself
 * knows shapes and layer kinds, never tfjs.
 */
import type * as tf from '@tensorflow/tfjs';

/** One layer as the addon's `LayerDesc` (src/cc/layer.h) takes it. */
export interface NativeLayerDesc {
  kind: 'dense' | 'conv2d' | 'maxPooling2d' | 'averagePooling2d' | 'globalAveragePooling2d' | 'flatten' | 'dropout' | 'batchNormalization' | 'activation';
  activation?: string;
  useBias?: boolean;
  units?: number;
  filters?: number;
  kernelH?: number;
  kernelW?: number;
  strideH?: number;
  strideW?: number;
  padding?: 'same' | 'valid';
  rate?: number;
  epsilon?: number;
  momentum?: number;
  center?: boolean;
  scale?: boolean;
}

/** A model as the addon builds it, plus the tfjs variables its weights map to. */
export interface NativeModelPlan {
  /** One sample's input shape (no batch). */
  input: number[];
  layers: NativeLayerDesc[];
  /** tfjs variables in the addon's weight order (each layer's `weights`, layer by layer). */
  weights: tf.LayerVariable[];
  /** Forward multiply-adds ×2 per sample (Dense and Conv2D), for figures. */
  flopsPerSample: number;
}

const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax'];

type Config = Record<string, unknown>;
const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : [Number(v), Number(v)]);

function activationOf(layer: tf.layers.Layer, config: Config): string | { reason: string } {
  const a = String(config.activation ?? 'linear');
  return ACTIVATIONS.includes(a) ? a : { reason: `layer '${layer.name}' has activation '${a}' (the native engine has ${ACTIVATIONS.join(', ')})` };
}

/** The plan for `model`, or why the native engine cannot run it (`kinds`: what the addon registers). */
export function planNativeModel(model: tf.LayersModel, kinds: readonly string[]): NativeModelPlan | string {
  if (model.getClassName() !== 'Sequential') return 'only Sequential models run natively';
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'the model must have one input and one output';
  const inShape = model.inputs[0].shape.slice(1);
  if (inShape.some((d) => d == null)) return 'the input shape must be fully known';
  const input = inShape as number[];
  if (input.length !== 1 && input.length !== 3) return `inputs of rank ${input.length + 1} do not run natively (rank 2 or 4)`;
  const layers: NativeLayerDesc[] = [];
  const weights: tf.LayerVariable[] = [];
  let shape = input;
  let flops = 0;
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    if (cls === 'InputLayer') continue;
    const config = layer.getConfig() as Config;
    for (const key of [
      'kernelRegularizer',
      'biasRegularizer',
      'activityRegularizer',
      'kernelConstraint',
      'biasConstraint',
      'betaRegularizer',
      'gammaRegularizer',
      'betaConstraint',
      'gammaConstraint',
    ]) {
      if (config[key] != null) return `layer '${layer.name}' has a ${key} (not run natively)`;
    }
    // A frozen layer (BatchNormalization included: the native one always trains gamma/beta).
    if (!layer.trainable && layer.trainableWeights.length + layer.nonTrainableWeights.length > 0) return `layer '${layer.name}' is frozen`;
    const desc = describe(layer, cls, config, shape);
    if (typeof desc === 'string') return desc;
    if (!kinds.includes(desc.kind)) return `layer '${layer.name}' (${cls}) has no native implementation in this build`;
    layers.push(desc);
    weights.push(...layer.weights);
    const out = (layer.outputShape as (number | null)[]).slice(1) as number[];
    if (desc.kind === 'dense') flops += 2 * shape[0] * out[0];
    if (desc.kind === 'conv2d') flops += 2 * out[0] * out[1] * out[2] * (desc.kernelH ?? 1) * (desc.kernelW ?? 1) * shape[2];
    shape = out;
  }
  if (layers.length === 0) return 'the model has no layers';
  return { input, layers, weights, flopsPerSample: flops };
}

function describe(layer: tf.layers.Layer, cls: string, config: Config, inShape: number[]): NativeLayerDesc | string {
  switch (cls) {
    case 'Dense': {
      const activation = activationOf(layer, config);
      if (typeof activation !== 'string') return activation.reason;
      if (inShape.length !== 1) return `layer '${layer.name}' (Dense) takes a rank-${inShape.length + 1} input; the native engine needs a Flatten before it`;
      return { kind: 'dense', units: Number(config.units), activation, useBias: config.useBias !== false };
    }
    case 'Conv2D': {
      const activation = activationOf(layer, config);
      if (typeof activation !== 'string') return activation.reason;
      if ((config.dataFormat ?? 'channelsLast') !== 'channelsLast') return `layer '${layer.name}' is channelsFirst`;
      const [dh, dw] = pair(config.dilationRate ?? 1);
      if (dh !== 1 || dw !== 1) return `layer '${layer.name}' is dilated`;
      const [kernelH, kernelW] = pair(config.kernelSize);
      const [strideH, strideW] = pair(config.strides ?? 1);
      return {
        kind: 'conv2d',
        filters: Number(config.filters),
        kernelH,
        kernelW,
        strideH,
        strideW,
        padding: config.padding === 'same' ? 'same' : 'valid',
        activation,
        useBias: config.useBias !== false,
      };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      if ((config.dataFormat ?? 'channelsLast') !== 'channelsLast') return `layer '${layer.name}' is channelsFirst`;
      const [kernelH, kernelW] = pair(config.poolSize ?? 2);
      const [strideH, strideW] = pair(config.strides ?? config.poolSize ?? 2);
      return {
        kind: cls === 'MaxPooling2D' ? 'maxPooling2d' : 'averagePooling2d',
        kernelH,
        kernelW,
        strideH,
        strideW,
        padding: config.padding === 'same' ? 'same' : 'valid',
      };
    }
    case 'GlobalAveragePooling2D':
      if ((config.dataFormat ?? 'channelsLast') !== 'channelsLast') return `layer '${layer.name}' is channelsFirst`;
      return { kind: 'globalAveragePooling2d' };
    case 'Flatten':
      return { kind: 'flatten' };
    case 'Dropout':
      if (config.noiseShape != null) return `layer '${layer.name}' has a noiseShape (the native dropout masks every value)`;
      return { kind: 'dropout', rate: Number(config.rate ?? 0) };
    case 'Activation': {
      const activation = activationOf(layer, config);
      return typeof activation === 'string' ? { kind: 'activation', activation } : activation.reason;
    }
    case 'BatchNormalization': {
      const axis = Array.isArray(config.axis) ? config.axis[0] : config.axis;
      if (axis !== -1 && axis !== inShape.length) return `layer '${layer.name}' normalizes axis ${String(axis)} (the native engine: the last axis)`;
      return {
        kind: 'batchNormalization',
        epsilon: Number(config.epsilon ?? 1e-3),
        momentum: Number(config.momentum ?? 0.99),
        center: config.center !== false,
        scale: config.scale !== false,
      };
    }
    default:
      return `layer '${layer.name}' is ${cls}, which the native engine does not run`;
  }
}
