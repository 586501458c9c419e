/**
 * Building a tfjs Sequential model from a spec, with Keras' layer names (`conv2d`, `conv2d_1`,
 * `max_pooling2d`, `dense`, …) and Keras' initialisers: glorot-uniform kernels seeded one after
 * the other from the run seed (one seed per Dense/Conv2D, in layer order), zero biases,
 * BatchNormalization's ones/zeros. The same spec and seed give bit-identical weights.
 */
import * as tf from '@tensorflow/tfjs';
import { analyzeSpec, type AnalyzeSpecOptions } from './analyze';
import { normalizeSpec } from './normalize';
import { layerSeeds } from './seeds';
import type { LayerSpec, ModelSpec } from './types';

/** Options of `buildModel`. */
export interface BuildModelOptions extends AnalyzeSpecOptions {
  /** Seed of the weight initialisers (unseeded when absent). Dropout masks are not seeded. */
  seed?: number;
}

/** Builds the model a spec describes; throws `SpecError` (before building anything) when it cannot work. */
export function buildModel(given: ModelSpec, options: BuildModelOptions = {}): tf.Sequential {
  const spec = normalizeSpec(given);
  const analysis = analyzeSpec(spec, options);
  const seeds = layerSeeds(options.seed);
  const model = tf.sequential({ name: 'sequential' });
  spec.layers.forEach((layer, i) => {
    const name = analysis.layers[i].name;
    const first = i === 0 ? { inputShape: analysis.inputShape } : {};
    model.add(tfLayer(layer, name, first, seeds));
  });
  return model;
}

function tfLayer(layer: LayerSpec, name: string, first: { inputShape?: number[] }, seeds: ReturnType<typeof layerSeeds>): tf.layers.Layer {
  switch (layer.type) {
    case 'dense':
      return tf.layers.dense({
        name,
        units: layer.units,
        activation: layer.activation ?? 'linear',
        useBias: layer.useBias ?? true,
        kernelInitializer: seeds.kernel(),
        biasInitializer: 'zeros',
        ...first,
      });
    case 'conv2d':
      return tf.layers.conv2d({
        name,
        filters: layer.filters,
        kernelSize: layer.kernel,
        strides: layer.strides ?? [1, 1],
        padding: layer.padding ?? 'same',
        activation: layer.activation ?? 'linear',
        useBias: layer.useBias ?? true,
        kernelInitializer: seeds.kernel(),
        biasInitializer: 'zeros',
        ...first,
      });
    case 'maxpool2d':
    case 'avgpool2d': {
      const args = { name, poolSize: layer.pool, strides: layer.strides ?? layer.pool, padding: layer.padding ?? 'valid', ...first };
      return layer.type === 'maxpool2d' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    }
    case 'flatten':
      return tf.layers.flatten({ name, ...first });
    case 'globalavgpool2d':
      return tf.layers.globalAveragePooling2d({ name, ...first });
    case 'dropout':
      return tf.layers.dropout({ name, rate: layer.rate, ...first });
    case 'batchnorm':
      return tf.layers.batchNormalization({ name, momentum: layer.momentum ?? 0.99, epsilon: layer.epsilon ?? 1e-3, ...first });
    case 'activation':
      return tf.layers.activation({ name, activation: layer.activation, ...first });
  }
}
