import * as tf from '@tensorflow/tfjs';
import { modelFromFiles, modelToFiles } from '@nnlab/core';
import { MODEL_BUNDLE_FORMAT, isModelBundleText, readModelBundle, writeModelBundle } from './model-bundle';
import { RUN_RECORD_SCHEMA_VERSION, type RunRecord } from './run-record';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function smallModel() {
  return tf.sequential({
    layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })],
  });
}

const record = {
  schemaVersion: RUN_RECORD_SCHEMA_VERSION,
  id: 'mlp-raw-20260101-000000-abcd',
  status: 'complete',
  pid: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  config: {
    model: 'mlp-raw',
    args: {},
    epochs: 1,
    batchSize: 2,
    optimizer: { name: 'rmsprop' },
    loss: 'categoricalCrossentropy',
    validationSplit: 0,
    seed: 0,
    backend: 'cpu',
    data: { name: 'mnist', files: [], trainCount: 4, validationCount: 0, testCount: 2 },
    versions: {},
  },
  history: { loss: [0.5], acc: [0.75], val_loss: [], val_acc: [] },
  timing: {},
  test: {
    loss: 0.4,
    accuracy: 0.875,
    confusionMatrix: [
      [1, 0],
      [0, 1],
    ],
  },
} as unknown as RunRecord;

test('a model and its run record survive the round trip through one file, weights byte for byte', async () => {
  const model = smallModel();
  const files = await modelToFiles(model);
  const text = writeModelBundle({ files, run: record, label: 'mlp-raw #1' });
  expect(isModelBundleText(text)).toBe(true);
  expect(JSON.parse(text).format).toBe(MODEL_BUNDLE_FORMAT);
  const back = readModelBundle(text, 'x.nnlab.json');
  expect(back.label).toBe('mlp-raw #1');
  expect(back.run?.test?.accuracy).toBe(0.875);
  expect(Object.keys(back.files.weights)).toEqual(Object.keys(files.weights));
  for (const [p, w] of Object.entries(files.weights)) expect(Array.from(back.files.weights[p])).toEqual(Array.from(w));
  const again = await modelFromFiles(back.files);
  const x = tf.tensor2d([[1, 2, 3]]);
  expect(Array.from((again.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
});

test('refuses what is not a bundle, another version, missing or truncated weights and a bad record, naming the file', async () => {
  const files = await modelToFiles(smallModel());
  const good = JSON.parse(writeModelBundle({ files }));
  const read = (o: unknown) => () => readModelBundle(JSON.stringify(o), 'm.nnlab.json');
  expect(() => readModelBundle('{', 'm.nnlab.json')).toThrow(/m\.nnlab\.json: not JSON/);
  expect(read({ ...good, format: 'other' })).toThrow(/m\.nnlab\.json: not an nnlab model file/);
  expect(read({ ...good, version: 9 })).toThrow(/version 9 is not supported/);
  expect(read({ ...good, weights: {} })).toThrow(/weights 'weights\.bin' named by model\.json are missing/);
  expect(read({ ...good, weights: { 'weights.bin': btoa('abc') } })).toThrow(/weights hold 3 bytes but model\.json describes \d+/);
  expect(read({ ...good, run: { id: 1 } })).toThrow(/"run" is not a valid run record/);
});
