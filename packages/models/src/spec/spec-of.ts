/**
 * The spec of a tfjs Sequential model, read from its layers' configurations (the inverse of
 * `buildModel`: `specOf(buildModel(s))` equals the canonical `s`). Layers or settings the spec
 * format cannot express (dilations, channels-first, regularisers…) are refused, not dropped.
 */
import type * as tf from '@tensorflow/tfjs';
import { SpecError } from '../errors';
import { normalizeLayer } from './normalize';
import { SPEC_FORMAT, SPEC_VERSION, type LayerSpec, type ModelSpec } from './types';

type Config = Record<string, unknown>;

const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)]);

function expectDefault(layer: tf.layers.Layer, config: Config, key: string, allowed: unknown[]): void {
  const v = config[key];
  if (v === undefined || v === null) return;
  const ok = allowed.some((a) => JSON.stringify(a) === JSON.stringify(v));
  if (!ok) throw new SpecError(`layer ${layer.name} (${layer.getClassName()}): ${key} ${JSON.stringify(v)} cannot be written in a model spec`);
}

function layerSpecOf(layer: tf.layers.Layer): LayerSpec {
  const c = layer.getConfig() as Config;
  const cls = layer.getClassName();
  for (const key of ['kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'biasConstraint']) expectDefault(layer, c, key, []);
  switch (cls) {
    case 'Dense':
      return normalizeLayer({ type: 'dense', units: c.units, activation: c.activation, useBias: c.useBias });
    case 'Conv2D':
      expectDefault(layer, c, 'dataFormat', ['channelsLast']);
      expectDefault(layer, c, 'dilationRate', [1, [1, 1]]);
      return normalizeLayer({
        type: 'conv2d',
        filters: c.filters,
        kernel: pair(c.kernelSize),
        strides: pair(c.strides),
        padding: c.padding,
        activation: c.activation,
        useBias: c.useBias,
      });
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      expectDefault(layer, c, 'dataFormat', ['channelsLast']);
      return normalizeLayer({
        type: cls === 'MaxPooling2D' ? 'maxpool2d' : 'avgpool2d',
        pool: pair(c.poolSize),
        strides: pair(c.strides ?? c.poolSize),
        padding: c.padding,
      });
    case 'Flatten':
      return { type: 'flatten' };
    case 'GlobalAveragePooling2D':
      expectDefault(layer, c, 'dataFormat', ['channelsLast']);
      return { type: 'globalavgpool2d' };
    case 'Dropout':
      expectDefault(layer, c, 'noiseShape', []);
      return normalizeLayer({ type: 'dropout', rate: c.rate });
    case 'BatchNormalization':
      expectDefault(layer, c, 'axis', [-1]);
      expectDefault(layer, c, 'center', [true]);
      expectDefault(layer, c, 'scale', [true]);
      return normalizeLayer({ type: 'batchnorm', momentum: c.momentum, epsilon: c.epsilon });
    case 'Activation':
      return normalizeLayer({ type: 'activation', activation: c.activation });
    default:
      throw new SpecError(
        `layer ${layer.name}: ${cls} is not a layer of the model spec (it has dense, conv2d, pooling, flatten, gap, dropout, batchnorm, activation)`,
      );
  }
}

/** The spec of a Sequential model (input shape from the model, layers from their configurations). */
export function specOf(model: tf.LayersModel, name?: string): ModelSpec {
  if (model.getClassName() !== 'Sequential') throw new SpecError(`specOf reads Sequential models, got a ${model.getClassName()}`);
  const input = (model.inputs[0].shape as (number | null)[]).slice(1);
  if (input.some((d) => d === null)) throw new SpecError(`the model's input shape ${JSON.stringify(input)} has unknown dimensions`);
  const layers = model.layers.map((layer) => {
    try {
      return layerSpecOf(layer);
    } catch (e) {
      throw e instanceof SpecError ? e : new SpecError(`layer ${layer.name}: ${(e as Error).message}`);
    }
  });
  return { format: SPEC_FORMAT, version: SPEC_VERSION, ...(name ? { name } : {}), input: input as number[], layers };
}
