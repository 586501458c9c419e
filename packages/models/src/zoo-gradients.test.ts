/**
 * End to end: the loss gradients of the zoo's two CNNs (built by `buildZooModel`) on wasm with
 * nnlab's training kernels (@nnlab/kernels-wasm) against the cpu backend, from the same weights
 * and data.
 */
import * as tf from '@tensorflow/tfjs';
import { maxRelAbsError, seededTensor, seededValues, setUpBackends, sizeOf, type PlainFloats as Plain } from '@nnlab/kernels-wasm/testing';
import { buildZooModel, type ModelId } from './model-zoo';

const TOLERANCE = 1e-3;

beforeAll(async () => {
  await setUpBackends();
});

/** The model's loss gradients w.r.t. its trainable weights on `backend`, weights set from `weights`. */
async function zooGrads(backend: string, id: ModelId, weights: Plain[], x: Plain, y: Plain): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = buildZooModel(id, { seed: 1 });
  model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  const xs = tf.tensor(x.values, x.shape);
  const ys = tf.tensor(y.values, y.shape);
  const lossFn = y.shape[1] === 1 ? tf.metrics.binaryCrossentropy : tf.metrics.categoricalCrossentropy;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads } = tf.variableGrads(() => tf.mean(lossFn(ys, model.apply(xs) as tf.Tensor)) as tf.Scalar, variables);
  const out = variables.map((v) => Float32Array.from(grads[v.name].dataSync()));
  tf.dispose([xs, ys, ...Object.values(grads)]);
  model.dispose();
  return out;
}

/** Random weights of Glorot-like scale, so every layer's gradient is far from 0. */
async function randomWeights(id: ModelId): Promise<Plain[]> {
  await tf.setBackend('cpu');
  const probe = buildZooModel(id, { seed: 1 });
  const weights = probe.getWeights().map((w, i) => seededTensor(w.shape, 100 + i, Math.sqrt(3 / Math.max(1, sizeOf(w.shape.slice(0, -1))))));
  probe.dispose();
  return weights;
}

async function compare(id: ModelId, x: Plain, y: Plain): Promise<void> {
  const weights = await randomWeights(id);
  const want = await zooGrads('cpu', id, weights, x, y);
  const got = await zooGrads('wasm', id, weights, x, y);
  expect(got.length).toBe(want.length);
  expect(got.length).toBeGreaterThan(0);
  got.forEach((g, i) => expect(maxRelAbsError(g, want[i])).toBeLessThan(TOLERANCE));
}

describe("the zoo CNNs' gradients on wasm match the cpu backend", () => {
  it('cnn-mnist (batch 4)', async () => {
    const labels = seededValues(4, 52, 0, 10);
    const y = new Float32Array(40);
    labels.forEach((l, i) => (y[i * 10 + Math.floor(l)] = 1));
    await compare('cnn-mnist', seededTensor([4, 28, 28, 1], 51), { values: y, shape: [4, 10] });
  });

  it('cnn-pneumonia (batch 1)', async () => {
    await compare('cnn-pneumonia', seededTensor([1, 128, 128, 1], 53), { values: new Float32Array([1]), shape: [1, 1] });
  }, 300000);
});
