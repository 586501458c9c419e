/**
 * What a CNN computes inside: the feature maps of every conv (and pooling) layer for one input,
 * and the first conv layer's learned filters.
 */
import * as tf from '@tensorflow/tfjs';
import { ExplainInputError } from './errors';
import { layerChain } from './model-graph';
import { resolveTarget, type ExplainInput } from './target';

/** The feature maps of one layer: `channels` maps of `height × width`. */
export interface ActivationMaps {
  layer: string;
  /** Layer class, e.g. 'Conv2D', 'MaxPooling2D'. */
  kind: string;
  height: number;
  width: number;
  channels: number;
  /** One row-major `height × width` map per channel. */
  maps: Float32Array[];
}

/** Options of `activationMaps`. */
export interface ActivationMapsOptions {
  /** Include pooling layers too. Default false (conv layers only). */
  pooling?: boolean;
}

const SPATIAL = /^(Conv2D|SeparableConv2D|DepthwiseConv2D)$/;
const POOL = /^(MaxPooling2D|AveragePooling2D)$/;

/** Feature maps of the conv layers (optionally pooling layers) for one input. */
export async function activationMaps(model: tf.LayersModel, input: ExplainInput, options: ActivationMapsOptions = {}): Promise<ActivationMaps[]> {
  const target = await resolveTarget(model, input);
  const { chain } = target;
  const wanted = (l: tf.layers.Layer) => SPATIAL.test(l.getClassName()) || (options.pooling === true && POOL.test(l.getClassName()));
  if (!chain.layers.some((l) => SPATIAL.test(l.getClassName()))) {
    target.x.dispose();
    throw new ExplainInputError('activation maps need a conv layer and this model has none');
  }
  const outputs: { layer: tf.layers.Layer; t: tf.Tensor }[] = [];
  const made: tf.Tensor[] = [];
  let h = target.x;
  for (const layer of chain.layers) {
    if (h.rank !== 4) break; // past the spatial part
    h = layer.apply(h) as tf.Tensor;
    made.push(h);
    if (wanted(layer)) outputs.push({ layer, t: h });
  }
  tf.dispose([target.x, ...made.filter((t) => !outputs.some((o) => o.t === t))]);
  const result: ActivationMaps[] = [];
  for (const { layer, t } of outputs) {
    const [, height, width, channels] = t.shape;
    const perChannel = tf.tidy(() => tf.transpose(t.reshape([height, width, channels]), [2, 0, 1]));
    const data = (await perChannel.data()) as Float32Array;
    tf.dispose([perChannel, t]);
    const maps = Array.from({ length: channels }, (_, c) => data.slice(c * height * width, (c + 1) * height * width));
    result.push({ layer: layer.name, kind: layer.getClassName(), height, width, channels, maps });
  }
  return result;
}

/** The learned filters of a conv layer: `filters` kernels of `kernelHeight × kernelWidth` per input channel. */
export interface ConvFilters {
  layer: string;
  kernelHeight: number;
  kernelWidth: number;
  inChannels: number;
  filters: number;
  /** weights[f][c] is filter f's row-major kernel on input channel c. */
  weights: Float32Array[][];
  /** One bias per filter (zeros when the layer has none). */
  bias: Float32Array;
}

/** Filters of the first conv layer (or the named one). */
export async function convFilters(model: tf.LayersModel, layerName?: string): Promise<ConvFilters> {
  const chain = layerChain(model);
  const layer = layerName === undefined ? chain.layers.find((l) => l.getClassName() === 'Conv2D') : chain.layers.find((l) => l.name === layerName);
  if (!layer) {
    throw new ExplainInputError(
      layerName === undefined
        ? 'this model has no conv layer, so no filters to show'
        : `unknown layer '${layerName}': the model has ${chain.layers.map((l) => l.name).join(', ')}`,
    );
  }
  if (layer.getClassName() !== 'Conv2D') throw new ExplainInputError(`layer '${layer.name}' is a ${layer.getClassName()}, not a Conv2D layer`);
  const [kernel, bias] = layer.getWeights();
  const [kh, kw, cin, cout] = kernel.shape;
  const k = (await kernel.data()) as Float32Array;
  const weights: Float32Array[][] = [];
  for (let f = 0; f < cout; f++) {
    const perChannel: Float32Array[] = [];
    for (let c = 0; c < cin; c++) {
      const w = new Float32Array(kh * kw);
      for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) w[i * kw + j] = k[((i * kw + j) * cin + c) * cout + f];
      perChannel.push(w);
    }
    weights.push(perChannel);
  }
  return {
    layer: layer.name,
    kernelHeight: kh,
    kernelWidth: kw,
    inChannels: cin,
    filters: cout,
    weights,
    bias: bias ? ((await bias.data()) as Float32Array).slice() : new Float32Array(cout),
  };
}
