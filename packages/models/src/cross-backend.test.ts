/**
 * Cross-backend parity: the same zoo model, with the same weights and the same batch, gives the
 * same forward pass and the same weights after one training step on cpu, wasm and webgpu (Dawn in
 * Node; SwiftShader on a GPU-less machine), within 1e-4.
 */
import * as tf from '@tensorflow/tfjs';
import { arrayDataset, createRng, fit, listBackends, useBackend, type BackendName } from '@nnlab/core';
import { registerNodeBackends } from '@nnlab/core/node';
import { buildZooModel, type ModelId } from './model-zoo';

const TOL = 1e-4;
const BATCH = 16;

interface Reference {
  weights: Float32Array[];
  shapes: number[][];
  forward: Float32Array;
  afterStep: Float32Array[];
}

function batchFor(shape: number[], outputs: number) {
  const rng = createRng(11);
  const size = shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(BATCH * size);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const labels = Array.from({ length: BATCH }, (_, i) => i % Math.max(outputs, 2));
  return { x, labels, size };
}

async function runOn(backend: BackendName, id: ModelId, args: { imageSize?: number }, init?: Reference): Promise<Reference> {
  await useBackend(backend);
  const model = buildZooModel(id, { seed: 3, ...args });
  if (init) model.setWeights(init.weights.map((w, i) => tf.tensor(w, init.shapes[i])));
  const inputShape = (model.inputs[0].shape as number[]).slice(1);
  const outputs = (model.outputs[0].shape as number[])[1];
  const { x, labels } = batchFor(inputShape, outputs);
  // Async reads only: webgpu's synchronous read needs OffscreenCanvas, which Node lacks.
  const read = async (ts: tf.Tensor[]) => Promise.all(ts.map(async (t) => Float32Array.from(await t.data())));
  const weights = await read(model.getWeights());
  const shapes = model.getWeights().map((w) => w.shape);
  const [forward] = await read([model.predict(tf.tensor(x, [BATCH, ...inputShape])) as tf.Tensor]);
  const data = arrayDataset({ x, sampleShape: inputShape, labels, numClasses: outputs === 1 ? 2 : outputs });
  await fit(model, data, { epochs: 1, batchSize: BATCH, shuffle: false, optimizer: 'rmsprop' });
  const afterStep = await read(model.getWeights());
  model.dispose();
  return { weights, shapes, forward, afterStep };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const CASES: [ModelId, { imageSize?: number }][] = [
  ['mlp-raw', {}],
  ['mlp-hog', {}],
  ['cnn-mnist', {}],
  ['cnn-pneumonia', { imageSize: 32 }],
];

let usable: BackendName[] = [];
beforeAll(async () => {
  registerNodeBackends();
  usable = (await listBackends()).filter((b) => b.usable).map((b) => b.name);
});

describe.each(CASES)('%s on every backend', (id, args) => {
  let ref: Reference;
  beforeAll(async () => {
    ref = await runOn('cpu', id, args);
  });

  it.each(['wasm', 'webgpu'] as BackendName[])('%s matches cpu (forward and one RMSprop step)', async (backend) => {
    if (!usable.includes(backend)) {
      if (process.env.NNLAB_REQUIRE_WEBGPU === '1' || backend === 'wasm') throw new Error(`backend ${backend} is not usable here`);
      return;
    }
    const got = await runOn(backend, id, args, ref);
    expect(maxAbsDiff(got.forward, ref.forward)).toBeLessThan(TOL);
    got.afterStep.forEach((w, i) => expect(maxAbsDiff(w, ref.afterStep[i])).toBeLessThan(TOL));
  });
});
