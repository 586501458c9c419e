/**
 * Grad-CAM (Selvaraju et al., 2017): for a conv layer with activations A (h × w × K) and the class
 * score y, weights α_k = mean over positions of ∂y/∂A_k, and the map is ReLU(Σ_k α_k A_k) —
 * where in the layer's grid the evidence for the class lies. The default layer is the last conv
 * layer (the coarsest, most semantic map); any conv layer can be named.
 */
import * as tf from '@tensorflow/tfjs';
import { ExplainInputError } from './errors';
import { classScore, layerIndex, runLayers, type LayerChain } from './model-graph';
import { explainedClass, resolveTarget, type ExplainedClass, type ExplainInput, type TargetOptions } from './target';

/** Options of `gradCam`. */
export interface GradCamOptions extends TargetOptions {
  /** Conv layer to explain at. Default: the last conv layer. */
  layer?: string;
}

/** A Grad-CAM map in the layer's grid. */
export interface GradCamResult extends ExplainedClass {
  method: 'gradcam';
  layer: string;
  /** Grid of the map (the conv layer's output size). */
  height: number;
  width: number;
  /** ReLU(Σ α_k A_k), row-major, in the score's units (not normalised). */
  cam: Float32Array;
  /** α_k: one weight per channel of the layer. */
  channelWeights: Float32Array;
  /** The class score at the input (logit, or output — see `scoreKind`). */
  score: number;
}

const isConv = (l: tf.layers.Layer) => /^(Conv2D|SeparableConv2D|DepthwiseConv2D)$/.test(l.getClassName());

/** Names of the model chain's conv layers, first to last. */
export function convLayerNames(chain: LayerChain): string[] {
  return chain.layers.filter(isConv).map((l) => l.name);
}

function pickLayer(chain: LayerChain, name: string | undefined): number {
  const convs = convLayerNames(chain);
  if (convs.length === 0) throw new ExplainInputError('Grad-CAM needs a conv layer and this model has none (use saliency, smoothgrad or ig)');
  if (name === undefined) return layerIndex(chain, convs[convs.length - 1]);
  const i = layerIndex(chain, name);
  if (!isConv(chain.layers[i]))
    throw new ExplainInputError(`layer '${name}' is a ${chain.layers[i].getClassName()}, not a conv layer: choose one of ${convs.join(', ')}`);
  return i;
}

/** Grad-CAM of one input for one class at one conv layer. */
export async function gradCam(model: tf.LayersModel, input: ExplainInput, options: GradCamOptions = {}): Promise<GradCamResult> {
  const target = await resolveTarget(model, input, options);
  const { chain, x, classIndex } = target;
  try {
    const k = pickLayer(chain, options.layer);
    const [camT, alphaT, scoreT] = tf.tidy(() => {
      const a = runLayers(chain, x, 0, k + 1);
      const f = (act: tf.Tensor) => tf.sum(classScore(chain, act, k + 1, classIndex)) as tf.Scalar;
      const { value, grad } = tf.valueAndGrad(f)(a);
      const alpha = tf.mean(grad, [0, 1, 2]); // [K]
      const cam = tf.relu(tf.sum(tf.mul(a, alpha), -1)); // [1, h, w]
      return [cam, alpha, value];
    });
    const [, height, width] = camT.shape;
    const result: GradCamResult = {
      method: 'gradcam',
      layer: chain.layers[k].name,
      height,
      width,
      cam: (await camT.data()) as Float32Array,
      channelWeights: (await alphaT.data()) as Float32Array,
      score: (await scoreT.data())[0],
      ...explainedClass(target),
    };
    tf.dispose([camT, alphaT, scoreT]);
    return result;
  } finally {
    x.dispose();
  }
}
