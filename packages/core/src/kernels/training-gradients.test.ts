/**
 * End to end: the gradients of a CNN loss on wasm (with the training kernels) against the cpu
 * backend, for a small CNN written with ops and for the zoo's two CNN architectures built with
 * tfjs-layers, from the same weights and data.
 */
import * as tf from '@tensorflow/tfjs';
import { maxRelAbsError, seededValues, setUpBackends, sizeOf } from './test-support';

const TOLERANCE = 1e-3;

beforeAll(async () => {
  await setUpBackends();
});

interface Plain {
  values: Float32Array;
  shape: number[];
}

function plain(shape: number[], seed: number, scale = 1): Plain {
  return { values: seededValues(sizeOf(shape), seed, -scale, scale), shape };
}

function oneHot(batch: number, classes: number, seed: number): Plain {
  const values = new Float32Array(batch * classes);
  const picks = seededValues(batch, seed, 0, classes);
  for (let i = 0; i < batch; i++) values[i * classes + Math.floor(picks[i])] = 1;
  return { values, shape: [batch, classes] };
}

/** Gradients of `loss(params)` w.r.t. every param, computed on `backend`. */
async function gradsOn(backend: string, params: Plain[], loss: (p: tf.Tensor[]) => tf.Scalar): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const tensors = params.map((p) => tf.tensor(p.values, p.shape));
  const grads = tf.grads((...p: tf.Tensor[]) => loss(p))(tensors);
  const out = grads.map((g) => Float32Array.from(g.dataSync()));
  tf.dispose([...tensors, ...grads]);
  return out;
}

describe('CNN gradients on wasm match the cpu backend', () => {
  it('a small CNN written with ops (same and valid padding, stride 2, odd sizes)', async () => {
    const x = plain([3, 13, 11, 3], 41);
    const y = oneHot(3, 5, 42);
    const params = [
      plain([3, 3, 3, 6], 43, 0.5), // conv1, same
      plain([6], 44, 0.1),
      plain([2, 2, 6, 8], 45, 0.5), // conv2, valid, stride 2
      plain([8], 46, 0.1),
      plain([2 * 1 * 8, 5], 47, 0.5), // dense
      plain([5], 48, 0.1),
    ];
    const loss = ([k1, b1, k2, b2, w, b]: tf.Tensor[]): tf.Scalar => {
      const xs = tf.tensor4d(x.values, x.shape as [number, number, number, number]);
      let h = tf.relu(tf.add(tf.conv2d(xs, k1 as tf.Tensor4D, 1, 'same'), b1)) as tf.Tensor4D;
      h = tf.maxPool(h, 2, 2, 'valid'); // 6x5
      h = tf.relu(tf.add(tf.conv2d(h, k2 as tf.Tensor4D, 2, 'valid'), b2)) as tf.Tensor4D; // 3x2
      h = tf.maxPool(h, [2, 2], 2, 'same'); // 2x1
      const logits = tf.add(tf.matMul(tf.reshape(h, [3, 16]), w as tf.Tensor2D), b);
      return tf.losses.softmaxCrossEntropy(tf.tensor2d(y.values, [3, 5]), logits) as tf.Scalar;
    };
    const want = await gradsOn('cpu', params, loss);
    const got = await gradsOn('wasm', params, loss);
    got.forEach((g, i) => expect(maxRelAbsError(g, want[i])).toBeLessThan(TOLERANCE));
  });

  /** A tfjs-layers model's loss gradients w.r.t. its trainable weights, weights set from `weights`. */
  async function layersGrads(backend: string, build: () => tf.Sequential, weights: Plain[], x: Plain, y: Plain, lossName: string): Promise<Float32Array[]> {
    await tf.setBackend(backend);
    const model = build();
    model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
    const xs = tf.tensor(x.values, x.shape);
    const ys = tf.tensor(y.values, y.shape);
    const lossFn = lossName === 'binary' ? tf.metrics.binaryCrossentropy : tf.metrics.categoricalCrossentropy;
    const { grads } = tf.variableGrads(() => tf.mean(lossFn(ys, model.apply(xs) as tf.Tensor)) as tf.Scalar);
    const out = model.trainableWeights.map((w) => Float32Array.from(grads[w.originalName].dataSync()));
    tf.dispose([xs, ys, ...Object.values(grads)]);
    model.dispose();
    return out;
  }

  function mnistCnn(): tf.Sequential {
    const m = tf.sequential();
    for (let i = 0; i < 3; i++) {
      m.add(tf.layers.conv2d({ ...(i === 0 ? { inputShape: [28, 28, 1] } : {}), filters: 10, kernelSize: 2, padding: 'same', activation: 'relu' }));
      m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    }
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 10, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    return m;
  }

  function pneumoniaCnn(): tf.Sequential {
    const m = tf.sequential();
    [8, 16, 32, 64, 128].forEach((filters, i) => {
      m.add(tf.layers.conv2d({ ...(i === 0 ? { inputShape: [128, 128, 1] } : {}), filters, kernelSize: 3, padding: 'same', activation: 'relu' }));
      m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    });
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 32, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 16, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    return m;
  }

  async function compareLayers(build: () => tf.Sequential, x: Plain, y: Plain, lossName: string): Promise<void> {
    await tf.setBackend('cpu');
    const probe = build();
    const weights = probe.getWeights().map((w, i) => plain(w.shape, 100 + i, Math.sqrt(3 / Math.max(1, w.shape.slice(0, -1).reduce((a, b) => a * b, 1)))));
    probe.dispose();
    const want = await layersGrads('cpu', build, weights, x, y, lossName);
    const got = await layersGrads('wasm', build, weights, x, y, lossName);
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => expect(maxRelAbsError(g, want[i])).toBeLessThan(TOLERANCE));
  }

  it('the MNIST CNN (batch 4)', async () => {
    await compareLayers(mnistCnn, plain([4, 28, 28, 1], 51, 1), oneHot(4, 10, 52), 'categorical');
  });

  it('the pneumonia CNN (batch 1)', async () => {
    const y = { values: new Float32Array([1]), shape: [1, 1] };
    await compareLayers(pneumoniaCnn, plain([1, 128, 128, 1], 53, 1), y, 'binary');
  }, 120000);
});
