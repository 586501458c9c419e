import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { arrayDataset, fit, type Dataset } from '@nnlab/core';
import { setUpBackends } from '@nnlab/kernels-wasm/testing';
import { describeNative } from '../testing/layer-run';
import { registerNativeEngine } from './register';

// Whole epochs of convolutional models through fit: the native engine and tfjs (autodiff on the
// wasm backend) from the same weights and shuffling reach the same loss, epoch by epoch
// (within 1e-3). The course CNN (Conv2D 2×2 'same' + MaxPool ×3), and a model with the other
// layer kinds (stride-2 'valid' conv, BatchNormalization, Activation, AveragePooling 'same',
// GlobalAveragePooling). Dropout's mask differs from tfjs' by design: that model only has to
// train (loss falls) and repeat itself from its seed.
const MNIST = join(__dirname, '..', '..', '..', '..', 'data', 'mnist');

function mnist(count: number): Dataset {
  const images = gunzipSync(readFileSync(join(MNIST, 't10k-images-idx3-ubyte.gz'))).subarray(16, 16 + count * 784);
  const labels = gunzipSync(readFileSync(join(MNIST, 't10k-labels-idx1-ubyte.gz'))).subarray(8, 8 + count);
  return arrayDataset({ x: images, sampleShape: [28, 28, 1], labels, numClasses: 10, scale: 1 / 255 });
}

const init = (seed: number) => tf.initializers.glorotUniform({ seed });

function courseCnn(): tf.Sequential {
  const layers: tf.layers.Layer[] = [];
  for (let i = 0; i < 3; i++) {
    layers.push(
      tf.layers.conv2d({
        ...(i === 0 ? { inputShape: [28, 28, 1] } : {}),
        filters: 10,
        kernelSize: 2,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(10 + i),
      }),
    );
    layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  }
  layers.push(
    tf.layers.flatten(),
    tf.layers.dense({ units: 10, activation: 'relu', kernelInitializer: init(20) }),
    tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(21) }),
  );
  return tf.sequential({ layers });
}

function otherLayers(dropout: number): tf.Sequential {
  return tf.sequential({
    layers: [
      // No bias before batch norm: its gradient is zero in exact arithmetic, so Adam would move it
      // by rounding noise, differently in each engine (harmless: batch norm cancels it).
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, strides: 2, padding: 'valid', useBias: false, kernelInitializer: init(30) }),
      tf.layers.batchNormalization({ momentum: 0.9 }),
      tf.layers.activation({ activation: 'relu' }),
      tf.layers.averagePooling2d({ poolSize: 2, padding: 'same' }),
      ...(dropout > 0 ? [tf.layers.dropout({ rate: dropout })] : []),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'tanh', kernelInitializer: init(31) }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(32) }),
    ],
  });
}

beforeAll(async () => {
  await setUpBackends();
  registerNativeEngine();
});

describeNative('convolutional models trained natively through fit', () => {
  it.each([
    { name: 'the course CNN', build: courseCnn, optimizer: 'rmsprop' as const },
    { name: 'stride-2 conv, batch norm, average and global pooling', build: () => otherLayers(0), optimizer: 'adam' as const },
  ])('$name: the same loss as tfjs, epoch by epoch', async ({ build, optimizer }) => {
    const data = mnist(1200);
    const runs = [];
    for (const engine of ['native', 'tfjs'] as const) {
      const model = build();
      const r = await fit(model, data, { epochs: 2, batchSize: 100, optimizer, seed: 3, engine });
      const state = model.weights.map((w) => w.read().dataSync().slice());
      runs.push({ r, state });
      model.dispose();
    }
    const [native, tfjs] = runs;
    expect(native.r.engine.name).toBe('native');
    expect(tfjs.r.engine.name).toBe('tfjs');
    for (let e = 0; e < 2; e++) expect(Math.abs(native.r.history.loss[e] - tfjs.r.history.loss[e])).toBeLessThan(1e-3);
    expect(native.r.history.loss[1]).toBeLessThan(native.r.history.loss[0]);
    // Every weight synced back to tfjs, moving statistics included.
    native.state.forEach((w, i) => {
      let diff = 0;
      for (let j = 0; j < w.length; j++) diff = Math.max(diff, Math.abs(w[j] - tfjs.state[i][j]));
      expect(diff).toBeLessThan(1e-3);
    });
  });

  it('with dropout: trains, and repeats itself from the same seed', async () => {
    const data = mnist(600);
    const losses = [];
    for (let i = 0; i < 2; i++) {
      const model = otherLayers(0.3);
      const r = await fit(model, data, { epochs: 2, batchSize: 50, optimizer: 'adam', seed: 9, engine: 'native' });
      losses.push(r.history.loss);
      model.dispose();
    }
    expect(losses[1]).toEqual(losses[0]);
    expect(losses[0][1]).toBeLessThan(losses[0][0]);
  });
});
