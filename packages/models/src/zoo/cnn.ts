/**
 * Convolutional networks: blocks of [Conv2D(filters, k×k, padding same, relu) + MaxPool 2×2],
 * then Flatten → Dense(hidden…, relu) → output (softmax over classes, or one sigmoid unit).
 * `cnn-mnist`: 28×28×1, 3 blocks of 10 filters 2×2, Dense(10) → 10 classes = 1,890 parameters.
 * `cnn-pneumonia`: 128×128×1, 5 blocks of 8/16/32/64/128 filters 3×3, Dense(32), Dense(16) →
 * 1 sigmoid = 164,353 parameters.
 */
import * as tf from '@tensorflow/tfjs';
import { layerSeeds, positiveInt } from './initializers';

/** Arguments of `buildCnn`. */
export interface CnnOptions {
  /** Input height, width and channels. */
  inputShape: [number, number, number];
  /** Filters of each conv block. */
  filters: number[];
  /** Kernel size of every conv layer. */
  kernelSize: number;
  /** Units of the dense layers after Flatten. */
  dense: number[];
  /** Output classes; 1 = a single sigmoid unit (binary). */
  outputs: number;
  /** Seed of the weight initialisers. */
  seed?: number;
}

/** Builds the CNN as a tfjs Sequential model with Keras-style layer names. */
export function buildCnn(options: CnnOptions): tf.Sequential {
  const [h, w, c] = options.inputShape.map((d, i) => positiveInt(`inputShape[${i}]`, d, 8192));
  const kernelSize = positiveInt('kernelSize', options.kernelSize, 64);
  const outputs = positiveInt('outputs', options.outputs);
  const seeds = layerSeeds(options.seed);
  const model = tf.sequential({ name: 'sequential' });
  let side = Math.min(h, w);
  options.filters.forEach((filters, i) => {
    if (side < 2) throw new RangeError(`input ${h}×${w} is too small for ${options.filters.length} pooling blocks`);
    const suffix = i === 0 ? '' : `_${i}`;
    model.add(
      tf.layers.conv2d({
        name: `conv2d${suffix}`,
        filters: positiveInt('filters', filters),
        kernelSize,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: seeds.kernel(),
        biasInitializer: 'zeros',
        ...(i === 0 ? { inputShape: [h, w, c] } : {}),
      }),
    );
    model.add(tf.layers.maxPooling2d({ name: `max_pooling2d${suffix}`, poolSize: 2, strides: 2, padding: 'valid' }));
    side = Math.floor(side / 2);
  });
  model.add(tf.layers.flatten({ name: 'flatten' }));
  options.dense.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        name: i === 0 ? 'dense' : `dense_${i}`,
        units: positiveInt('dense units', units),
        activation: 'relu',
        kernelInitializer: seeds.kernel(),
        biasInitializer: 'zeros',
      }),
    );
  });
  const n = options.dense.length;
  model.add(
    tf.layers.dense({
      name: n === 0 ? 'dense' : `dense_${n}`,
      units: outputs,
      activation: outputs === 1 ? 'sigmoid' : 'softmax',
      kernelInitializer: seeds.kernel(),
      biasInitializer: 'zeros',
    }),
  );
  return model;
}
