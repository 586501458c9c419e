/**
 * The zoo's knobs (`--hidden`, `--activation`, `--input-size`, `--image-size`) as transformations
 * of a spec, so a zoo model with knobs is still just a spec.
 */
import { ModelArgsError } from '../errors';
import type { Activation, LayerSpec, ModelSpec } from '../spec/types';

/** Activations accepted for hidden layers. */
export type HiddenActivation = 'relu' | 'sigmoid' | 'tanh' | 'elu' | 'selu' | 'linear';
export const HIDDEN_ACTIVATIONS: readonly HiddenActivation[] = ['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'linear'];

/** Arguments a zoo model accepts (each optional: the course's value is the default). */
export interface ZooArgs {
  /** Seed of the weight initialisers. */
  seed?: number;
  /** Units of the hidden Dense layers (MLPs: all of them; CNNs: those after Flatten). */
  hidden?: number[];
  /** Activation of every hidden layer (Dense and Conv2D; not the output layer). */
  activation?: HiddenActivation;
  /** Input features (vector inputs, e.g. mlp-hog with other HOG parameters). */
  inputSize?: number;
  /** Square input side in pixels (image inputs). */
  imageSize?: number;
}

/** The spec with the knobs applied (a copy; the spec's own values where a knob is unset). */
export function applyZooArgs(spec: ModelSpec, args: ZooArgs = {}): ModelSpec {
  let layers: LayerSpec[] = spec.layers.map((l) => ({ ...l }) as LayerSpec);
  let input = spec.input ? [...spec.input] : undefined;
  if (args.activation !== undefined && !HIDDEN_ACTIVATIONS.includes(args.activation)) {
    throw new ModelArgsError(`unknown activation '${args.activation}': expected one of ${HIDDEN_ACTIVATIONS.join(', ')}`);
  }
  const outputIndex = layers.length - 1;
  if (args.hidden !== undefined) {
    // The hidden Dense layers are those after the last flatten (all of them in an MLP), before the output.
    const start = layers.map((l) => l.type).lastIndexOf('flatten') + 1;
    const old = layers.slice(start, outputIndex);
    const activation: Activation = (old.find((l) => l.type === 'dense') as { activation?: Activation } | undefined)?.activation ?? 'relu';
    const hidden: LayerSpec[] = args.hidden.map((units) => ({ type: 'dense', units, activation, useBias: true }));
    layers = [...layers.slice(0, start), ...hidden, layers[outputIndex]];
  }
  if (args.activation !== undefined) {
    const last = layers.length - 1;
    layers = layers.map((l, i) => (i < last && (l.type === 'dense' || l.type === 'conv2d') ? { ...l, activation: args.activation } : l));
  }
  if (args.inputSize !== undefined) {
    if (input && input.length !== 1) throw new ModelArgsError(`inputSize applies to a vector input; ${spec.name ?? 'this model'} reads images (use imageSize)`);
    input = [args.inputSize];
  }
  if (args.imageSize !== undefined) {
    if (!input || input.length !== 3)
      throw new ModelArgsError(`imageSize applies to an image input; ${spec.name ?? 'this model'} reads vectors (use inputSize)`);
    input = [args.imageSize, args.imageSize, input[2]];
  }
  return { ...spec, ...(input ? { input } : {}), layers };
}
