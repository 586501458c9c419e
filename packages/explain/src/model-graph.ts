/**
 * A tfjs model seen as the chain of layers every nnlab model is (Sequential, or a functional model
 * whose layers form one path), run eagerly layer by layer so a method can stop at any layer, take
 * a gradient there, or read the class score before the output activation.
 */
import * as tf from '@tensorflow/tfjs';
import { ExplainInputError } from './errors';

/** How the class score was read. */
export type ScoreKind = 'logit' | 'output';

/** The model as a chain, with what the methods need to know about its output. */
export interface LayerChain {
  layers: tf.layers.Layer[];
  /** Shape of one input sample (no batch dimension). */
  inputShape: number[];
  /** Number of classes explained: a single sigmoid unit counts as two (0 and 1). */
  numClasses: number;
  /** True for one sigmoid output unit (binary classifier). */
  binary: boolean;
  /** 'logit' when the last layer's softmax/sigmoid is stripped for the score (Grad-CAM's choice). */
  scoreKind: ScoreKind;
}

function activationOf(layer: tf.layers.Layer): string | undefined {
  const config = layer.getConfig() as { activation?: unknown };
  return typeof config.activation === 'string' ? config.activation : undefined;
}

/** The model's layers as one chain (input layers dropped). */
export function layerChain(model: tf.LayersModel): LayerChain {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  if (layers.length === 0) throw new ExplainInputError('the model has no layers to explain');
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new ExplainInputError(
      `only single-input, single-output models can be explained (this one has ${model.inputs.length} inputs, ${model.outputs.length} outputs)`,
    );
  }
  const inputShape = model.inputs[0].shape.slice(1).map((d) => d ?? -1);
  const units = model.outputs[0].shape[model.outputs[0].shape.length - 1] ?? 1;
  const last = layers[layers.length - 1];
  const act = activationOf(last);
  const binary = units === 1;
  const strippable = last.getClassName() === 'Dense' && (act === 'softmax' || act === 'sigmoid');
  return { layers, inputShape, numClasses: binary ? 2 : units, binary, scoreKind: strippable ? 'logit' : 'output' };
}

/** Index of a layer by name, with a one-line error listing the names when it is absent. */
export function layerIndex(chain: LayerChain, name: string): number {
  const i = chain.layers.findIndex((l) => l.name === name);
  if (i < 0) throw new ExplainInputError(`unknown layer '${name}': the model has ${chain.layers.map((l) => l.name).join(', ')}`);
  return i;
}

/** Runs layers `from … to-1` on `x` (eagerly). */
export function runLayers(chain: LayerChain, x: tf.Tensor, from: number, to: number): tf.Tensor {
  let h = x;
  for (let i = from; i < to; i++) h = chain.layers[i].apply(h) as tf.Tensor;
  return h;
}

/** The pre-activation output of the last layer (its logits) when it can be stripped, else its output. */
function lastLayerScores(chain: LayerChain, h: tf.Tensor): tf.Tensor {
  const last = chain.layers[chain.layers.length - 1];
  if (chain.scoreKind === 'output') return last.apply(h) as tf.Tensor;
  const [kernel, bias] = last.getWeights();
  const z = tf.matMul(h as tf.Tensor2D, kernel as tf.Tensor2D);
  return bias ? tf.add(z, bias) : z;
}

/**
 * Per-sample score of class `cls` ([batch]) from the activations of layer `from-1` (or the input
 * when `from` is 0): the logit (binary: +z for class 1, −z for class 0) or the output itself.
 */
export function classScore(chain: LayerChain, h: tf.Tensor, from: number, cls: number): tf.Tensor1D {
  const pre = runLayers(chain, h, from, chain.layers.length - 1);
  const scores = lastLayerScores(chain, pre) as tf.Tensor2D;
  if (chain.binary) {
    const z = tf.reshape(scores, [-1]) as tf.Tensor1D;
    if (chain.scoreKind === 'logit') return cls === 1 ? z : tf.neg(z);
    return cls === 1 ? z : tf.sub(1, z);
  }
  return tf.reshape(tf.slice(scores, [0, cls], [-1, 1]), [-1]) as tf.Tensor1D;
}

/** Class probabilities of one output row (binary: [1 − p, p]). */
export function probabilitiesOf(chain: LayerChain, output: ArrayLike<number>): number[] {
  if (chain.binary) return [1 - output[0], output[0]];
  return Array.from(output);
}

/** Index of the largest value (first on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
