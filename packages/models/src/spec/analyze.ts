/**
 * Shape and parameter analysis of a spec without building it: every layer's output shape and
 * parameter count (Keras' arithmetic), the totals, and a `SpecError` on the first layer that
 * cannot work — a window larger than its input, a Dense on an image, an output that does not
 * match the dataset's classes, a model over the parameter budget.
 */
import { SpecError } from '../errors';
import { formatLayer } from './format';
import { normalizeInput, normalizeSpec } from './normalize';
import type { LayerSpec, ModelSpec } from './types';

/** Default parameter budget of `analyzeSpec` (and so of `buildModel`). */
export const DEFAULT_MAX_PARAMS = 50_000_000;
/** Largest number of values one layer may output per sample. */
export const MAX_ACTIVATIONS = 1 << 27;

/** Options of `analyzeSpec`. */
export interface AnalyzeSpecOptions {
  /** The dataset's input shape: used when the spec has none, checked against it when it has one. */
  inputShape?: readonly number[];
  /** The dataset's classes: the last layer must give this many outputs (or 1 for 2 classes). */
  classes?: number;
  /** Parameter budget (default `DEFAULT_MAX_PARAMS`). */
  maxParams?: number;
}

/** One layer of an analysis. */
export interface LayerAnalysis {
  /** 0-based index in `spec.layers`. */
  index: number;
  /** Keras' layer name, e.g. `conv2d_1`. */
  name: string;
  /** Keras' class name, e.g. `Conv2D`. */
  className: string;
  /** The layer's text form, e.g. `conv(16,3x3,relu)`. */
  text: string;
  /** Output shape without the batch axis. */
  outputShape: number[];
  params: number;
  trainableParams: number;
  /** How `params` is made up, e.g. `784×10 + 10`. */
  arithmetic: string;
}

/** A whole analysis. */
export interface SpecAnalysis {
  inputShape: number[];
  layers: LayerAnalysis[];
  outputShape: number[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

const KERAS: Record<LayerSpec['type'], [className: string, name: string]> = {
  dense: ['Dense', 'dense'],
  conv2d: ['Conv2D', 'conv2d'],
  maxpool2d: ['MaxPooling2D', 'max_pooling2d'],
  avgpool2d: ['AveragePooling2D', 'average_pooling2d'],
  flatten: ['Flatten', 'flatten'],
  globalavgpool2d: ['GlobalAveragePooling2D', 'global_average_pooling2d'],
  dropout: ['Dropout', 'dropout'],
  batchnorm: ['BatchNormalization', 'batch_normalization'],
  activation: ['Activation', 'activation'],
};

/** Keras' class name and layer names (`dense`, `dense_1`, …) of a spec's layers. */
export function kerasLayerNames(layers: readonly LayerSpec[]): { className: string; name: string }[] {
  const counts = new Map<string, number>();
  return layers.map((l) => {
    const [className, base] = KERAS[l.type];
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return { className, name: n === 0 ? base : `${base}_${n}` };
  });
}

const fmt = (n: number) => n.toLocaleString('en-US');
const shapeText = (s: readonly number[]) => s.join('×');

/** Output size of a window of `k` with stride `s` over `n` values. */
function windowOut(n: number, k: number, s: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;
}

/** Checks the shapes and counts the parameters of `spec`; throws `SpecError` naming the layer at fault. */
export function analyzeSpec(given: ModelSpec, options: AnalyzeSpecOptions = {}): SpecAnalysis {
  // Specs written in code get the checks parsed ones had (format, version, every argument).
  const spec = normalizeSpec(given);
  const dataShape = options.inputShape ? normalizeInput([...options.inputShape]) : undefined;
  if (spec.input && dataShape && shapeText(spec.input) !== shapeText(dataShape)) {
    throw new SpecError(`the spec's input ${shapeText(spec.input)} does not match the data's ${shapeText(dataShape)}`);
  }
  const inputShape = spec.input ?? dataShape;
  if (!inputShape) throw new SpecError('the spec has no input shape: write input(784) or input(28x28x1), or give the dataset');
  const maxParams = options.maxParams ?? DEFAULT_MAX_PARAMS;
  const names = kerasLayerNames(spec.layers);
  const layers: LayerAnalysis[] = [];
  let shape = inputShape;
  let total = 0;
  let trainable = 0;
  spec.layers.forEach((layer, index) => {
    const text = formatLayer(layer);
    const where = { layer: index, text };
    const prev = index === 0 ? `the input ${shapeText(shape)}` : `the ${shapeText(shape)} output of layer ${index} ${layers[index - 1].text}`;
    const needImage = () => {
      if (shape.length !== 3) {
        const hint = index === 0 ? `: give the input as an image, e.g. input(28x28x1)` : '';
        throw new SpecError(`${layer.type === 'conv2d' ? 'conv' : 'pooling'} needs an image (height×width×channels), but ${prev} is a vector${hint}`, where);
      }
    };
    let out: number[];
    let params = 0;
    let nonTrainable = 0;
    let arithmetic = '0';
    switch (layer.type) {
      case 'dense': {
        if (shape.length !== 1) throw new SpecError(`dense needs a vector, but ${prev} is an image: put flatten (or gap) before it`, where);
        const bias = layer.useBias !== false;
        params = shape[0] * layer.units + (bias ? layer.units : 0);
        arithmetic = `${shape[0]}×${layer.units}${bias ? ` + ${layer.units}` : ''}`;
        out = [layer.units];
        break;
      }
      case 'conv2d':
      case 'maxpool2d':
      case 'avgpool2d': {
        needImage();
        const [h, w, c] = shape;
        const k = layer.type === 'conv2d' ? layer.kernel : layer.pool;
        const s = layer.strides ?? (layer.type === 'conv2d' ? [1, 1] : k);
        const padding = layer.padding ?? (layer.type === 'conv2d' ? 'same' : 'valid');
        // With 'same' padding any window fits (Keras pads); with 'valid' it must fit inside.
        if (padding === 'valid' && (k[0] > h || k[1] > w)) {
          const what = layer.type === 'conv2d' ? 'kernel' : 'window';
          throw new SpecError(`a ${k[0]}×${k[1]} ${what} is larger than ${prev} (valid padding)`, where);
        }
        const oh = windowOut(h, k[0], s[0], padding);
        const ow = windowOut(w, k[1], s[1], padding);
        if (layer.type === 'conv2d') {
          const bias = layer.useBias !== false;
          params = k[0] * k[1] * c * layer.filters + (bias ? layer.filters : 0);
          arithmetic = `${k[0]}×${k[1]}×${c}×${layer.filters}${bias ? ` + ${layer.filters}` : ''}`;
          out = [oh, ow, layer.filters];
        } else out = [oh, ow, c];
        break;
      }
      case 'flatten':
        out = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'globalavgpool2d':
        needImage();
        out = [shape[2]];
        break;
      case 'batchnorm': {
        const c = shape[shape.length - 1];
        params = 4 * c;
        nonTrainable = 2 * c;
        arithmetic = `${c} + ${c} + ${c} + ${c}`;
        out = shape;
        break;
      }
      case 'dropout':
      case 'activation':
        out = shape;
        break;
    }
    const values = out.reduce((a, b) => a * b, 1);
    if (values > MAX_ACTIVATIONS)
      throw new SpecError(`its output ${shapeText(out)} has ${fmt(values)} values per sample, absurdly many (at most ${fmt(MAX_ACTIVATIONS)})`, where);
    total += params;
    trainable += params - nonTrainable;
    if (total > maxParams) {
      throw new SpecError(`the model reaches ${fmt(total)} parameters here, over the budget of ${fmt(maxParams)} (${fmt(params)} in this layer)`, where);
    }
    layers.push({ index, ...names[index], text, outputShape: out, params, trainableParams: params - nonTrainable, arithmetic });
    shape = out;
  });
  const last = layers[layers.length - 1];
  if (options.classes !== undefined) {
    const classes = options.classes;
    const wherelast = { layer: last.index, text: last.text };
    if (shape.length !== 1)
      throw new SpecError(
        `the model ends with a ${shapeText(shape)} image, not ${classes} class outputs: end with flatten and dense(${classes},softmax)`,
        wherelast,
      );
    const ok = shape[0] === classes || (classes === 2 && shape[0] === 1);
    if (!ok) throw new SpecError(`the model gives ${shape[0]} outputs but the dataset has ${classes} classes`, wherelast);
  }
  return { inputShape, layers, outputShape: shape, totalParams: total, trainableParams: trainable, nonTrainableParams: total - trainable };
}

/** The rank a spec's input must have, from its first shape-sensitive layer (3: image, 1: vector), or undefined. */
export function inputRankOf(spec: ModelSpec): 1 | 3 | undefined {
  if (spec.input) return spec.input.length === 3 ? 3 : 1;
  for (const l of spec.layers) {
    if (l.type === 'dense') return 1;
    if (l.type === 'conv2d' || l.type === 'maxpool2d' || l.type === 'avgpool2d' || l.type === 'globalavgpool2d' || l.type === 'flatten') return 3;
  }
  return undefined;
}

/** The spec with `input` set (a copy); refuses a different shape than the one the spec has. */
export function withInput(spec: ModelSpec, inputShape: readonly number[]): ModelSpec {
  const input = normalizeInput([...inputShape]);
  if (spec.input && shapeText(spec.input) !== shapeText(input)) {
    throw new SpecError(`the spec's input ${shapeText(spec.input)} does not match the data's ${shapeText(input)}`);
  }
  return { ...spec, input };
}
