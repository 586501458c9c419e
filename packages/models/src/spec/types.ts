/**
 * The model spec: a small, versioned JSON description of a Sequential architecture (input shape,
 * then layers) and, optionally, how to train it. One spec builds one tfjs model (`buildModel`),
 * has a one-line text form (`formatSpec` / `parseSpec`), and is checked without building
 * (`analyzeSpec`). The format is documented in docs/model-spec.md.
 */
import type { LossName, OptimizerOptions } from '@nnlab/core';

/** The `format` tag of every spec. */
export const SPEC_FORMAT = 'nnlab-model-spec';
/** The version this code reads and writes. */
export const SPEC_VERSION = 1;

/** Activations a layer may use (tfjs and Keras share these names). */
export type Activation = 'relu' | 'sigmoid' | 'softmax' | 'tanh' | 'linear' | 'elu' | 'selu' | 'softplus' | 'softsign' | 'relu6';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'sigmoid', 'softmax', 'tanh', 'linear', 'elu', 'selu', 'softplus', 'softsign', 'relu6'];

/** Padding of a convolution or pooling window ('same' keeps the size at stride 1). */
export type Padding = 'same' | 'valid';
export const PADDINGS: readonly Padding[] = ['same', 'valid'];

/** Default padding of `conv2d` ('same', as the course's CNNs; Keras' own default is 'valid'). */
export const DEFAULT_CONV_PADDING: Padding = 'same';
/** Default padding of the pooling layers ('valid', as Keras). */
export const DEFAULT_POOL_PADDING: Padding = 'valid';
/** Keras' BatchNormalization defaults. */
export const DEFAULT_BATCHNORM = { momentum: 0.99, epsilon: 1e-3 } as const;

/** Dense (fully connected): `units` outputs from a vector input. */
export interface DenseSpec {
  type: 'dense';
  units: number;
  /** Default 'linear'. */
  activation?: Activation;
  /** Default true. */
  useBias?: boolean;
}

/** 2-D convolution over an h×w×c input (channels last). */
export interface Conv2DSpec {
  type: 'conv2d';
  filters: number;
  /** Kernel [height, width]. */
  kernel: [number, number];
  /** Default [1, 1]. */
  strides?: [number, number];
  /** Default `DEFAULT_CONV_PADDING` ('same'). */
  padding?: Padding;
  /** Default 'linear'. */
  activation?: Activation;
  /** Default true. */
  useBias?: boolean;
}

/** Max or average pooling over an h×w×c input. */
export interface Pool2DSpec {
  type: 'maxpool2d' | 'avgpool2d';
  /** Window [height, width]. */
  pool: [number, number];
  /** Default: the window (disjoint pools). */
  strides?: [number, number];
  /** Default 'valid'. */
  padding?: Padding;
}

/** h×w×c → one vector of h·w·c. */
export interface FlattenSpec {
  type: 'flatten';
}

/** h×w×c → the mean of each channel (c values). */
export interface GlobalAvgPool2DSpec {
  type: 'globalavgpool2d';
}

/** Zeroes a fraction `rate` of the inputs while training (no parameters). */
export interface DropoutSpec {
  type: 'dropout';
  /** In [0, 1). */
  rate: number;
}

/** Batch normalisation over the last axis (4 parameters per channel, 2 of them trainable). */
export interface BatchNormSpec {
  type: 'batchnorm';
  /** Default 0.99 (Keras). */
  momentum?: number;
  /** Default 1e-3 (Keras). */
  epsilon?: number;
}

/** An activation on its own. */
export interface ActivationSpec {
  type: 'activation';
  activation: Activation;
}

/** One layer: a discriminated union on `type`. */
export type LayerSpec = DenseSpec | Conv2DSpec | Pool2DSpec | FlattenSpec | GlobalAvgPool2DSpec | DropoutSpec | BatchNormSpec | ActivationSpec;

/** Every layer type, in the order the docs list them. */
export type LayerType = LayerSpec['type'];
export const LAYER_TYPES: readonly LayerType[] = [
  'dense',
  'conv2d',
  'maxpool2d',
  'avgpool2d',
  'flatten',
  'globalavgpool2d',
  'dropout',
  'batchnorm',
  'activation',
];

/** An optimizer and its settings (unset fields take Keras' defaults; see `resolveOptimizerConfig`). */
export type OptimizerSpec = OptimizerOptions;

/** How to train the model (every field optional: the host's defaults apply). */
export interface TrainingSpec {
  optimizer?: OptimizerSpec;
  loss?: LossName;
  epochs?: number;
  batchSize?: number;
  /** Keras validation_split: the last fraction of the training set held out. */
  validationSplit?: number;
  /** true: total/(classes·count) per class (the course's pneumonia CNN); or one weight per class. */
  classWeights?: boolean | number[];
}

/** A Sequential architecture. */
export interface ModelSpec {
  format: typeof SPEC_FORMAT;
  version: typeof SPEC_VERSION;
  name?: string;
  /**
   * Input shape without the batch axis: [features] for vectors, [height, width, channels] for
   * images. Absent in a spec written without `input(…)`: the dataset gives it (`withInput`).
   */
  input?: number[];
  layers: LayerSpec[];
  training?: TrainingSpec;
}
