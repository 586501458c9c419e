/**
 * Grad-CAM against an independent reference: the channel weights α_k recomputed from central
 * finite differences of the class score (forward passes only, no autodiff) and the map
 * ReLU(Σ α_k A_k) rebuilt from them in plain JS.
 */
import * as tf from '@tensorflow/tfjs';
import { ExplainInputError } from './errors';
import { gradCam } from './gradcam';
import { linearModel, seededInput, tinyCnn } from './testing/models';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Class score (logit; binary: ±z) from the activations of `layer`, forward only, for a batch of activations. */
function logitsFrom(model: tf.Sequential, layer: string, acts: tf.Tensor): Float32Array {
  const k = model.layers.findIndex((l) => l.name === layer);
  return tf.tidy(() => {
    let h = acts;
    for (let i = k + 1; i < model.layers.length - 1; i++) h = model.layers[i].apply(h) as tf.Tensor;
    const [w, b] = model.layers[model.layers.length - 1].getWeights();
    return tf.add(tf.matMul(h as tf.Tensor2D, w as tf.Tensor2D), b).dataSync() as Float32Array;
  });
}

async function referenceCam(model: tf.Sequential, x: Float32Array, side: number, layer: string, cls: number, binary: boolean) {
  const sub = tf.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tf.SymbolicTensor });
  const a = sub.predict(tf.tensor(x, [1, side, side, 1])) as tf.Tensor4D;
  const [, h, w, K] = a.shape;
  const base = a.dataSync() as Float32Array;
  const n = base.length;
  const eps = 1e-3;
  const batch = new Float32Array(2 * n * n);
  for (let i = 0; i < n; i++) {
    batch.set(base, 2 * i * n);
    batch.set(base, (2 * i + 1) * n);
    batch[2 * i * n + i] += eps;
    batch[(2 * i + 1) * n + i] -= eps;
  }
  const logits = logitsFrom(model, layer, tf.tensor(batch, [2 * n, h, w, K]));
  const outs = binary ? 1 : logits.length / (2 * n);
  const score = (row: number) => (binary ? (cls === 1 ? 1 : -1) * logits[row] : logits[row * outs + cls]);
  const grad = new Float64Array(n);
  for (let i = 0; i < n; i++) grad[i] = (score(2 * i) - score(2 * i + 1)) / (2 * eps);
  const alpha = new Float64Array(K);
  for (let i = 0; i < n; i++) alpha[i % K] += grad[i] / (h * w);
  const cam = new Float64Array(h * w);
  for (let p = 0; p < h * w; p++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += alpha[k] * base[p * K + k];
    cam[p] = Math.max(0, s);
  }
  return { alpha, cam, h, w };
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(tol);
}

describe('gradCam', () => {
  const side = 8;

  it.each([
    ['last conv layer (default), predicted class', undefined, undefined],
    ['first conv layer, class 2', 'conv2d', 2],
  ])('matches finite differences: %s', async (_label, layer, cls) => {
    const model = tinyCnn(side, 3, 7, 'tanh');
    const x = seededInput(side * side);
    const r = await gradCam(model, x, { layer, classIndex: cls });
    const name = layer ?? 'conv2d_1';
    expect(r.layer).toBe(name);
    const ref = await referenceCam(model, x, side, name, r.classIndex, false);
    expect([r.height, r.width]).toEqual([ref.h, ref.w]);
    expectClose(r.channelWeights, ref.alpha, 2e-3);
    expectClose(r.cam, ref.cam, 2e-3);
    expect(Math.max(...r.cam)).toBeGreaterThan(0);
  });

  it('explains both sides of a binary (sigmoid) model with ±logit', async () => {
    const model = tinyCnn(side, 1, 11, 'tanh');
    const x = seededInput(side * side, 9);
    for (const cls of [0, 1]) {
      const r = await gradCam(model, x, { classIndex: cls });
      const ref = await referenceCam(model, x, side, 'conv2d_1', cls, true);
      expectClose(r.channelWeights, ref.alpha, 2e-3);
      expectClose(r.cam, ref.cam, 2e-3);
    }
    const pred = await gradCam(model, x);
    expect(pred.probabilities).toHaveLength(2);
    expect(pred.classIndex).toBe(pred.probabilities[1] >= 0.5 ? 1 : 0);
  });

  it('refuses, with one-line typed errors, what it cannot explain', async () => {
    const cnn = tinyCnn(side, 3);
    const x = seededInput(side * side);
    const linear = linearModel([[1], [2]], [0]);
    const cases: [Promise<unknown>, RegExp][] = [
      [gradCam(linear, [0.1, 0.2]), /needs a conv layer and this model has none/],
      [gradCam(cnn, x, { layer: 'conv9' }), /unknown layer 'conv9': the model has conv2d, max_pooling2d/],
      [gradCam(cnn, x, { layer: 'dense' }), /layer 'dense' is a Dense, not a conv layer/],
      [gradCam(cnn, x, { classIndex: 3 }), /class 3 is out of range: the model has classes 0\.\.2/],
      [gradCam(cnn, x, { classIndex: -1 }), /class -1 is out of range/],
      [gradCam(cnn, new Float32Array(10)), /input has 10 values; the model takes \[8, 8, 1\] = 64/],
      [gradCam(cnn, tf.zeros([1, 4, 4, 1])), /input of shape \[1, 4, 4, 1\] does not fit/],
    ];
    for (const [p, re] of cases) {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ExplainInputError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('leaks no tensors', async () => {
    const model = tinyCnn(side, 3);
    const x = seededInput(side * side);
    await gradCam(model, x);
    const before = tf.memory().numTensors;
    await gradCam(model, x);
    expect(tf.memory().numTensors).toBe(before);
  });
});
