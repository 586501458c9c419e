import * as tf from '@tensorflow/tfjs';
import { arrayDataset, splitTail } from './dataset';
import { evaluateModel } from './evaluate';
import { fit } from './fit';
import type { TrainEvent } from './progress';
import { createRng } from './random';
import { TrainingError } from './errors';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

/** Two Gaussian blobs per class in 4-D, linearly separable enough to learn in a few epochs. */
function blobs(n: number, numClasses: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float32Array(n * 4);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % numClasses;
    labels[i] = c;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = (j === c % 4 ? 3 : 0) + (rng.next() - 0.5);
  }
  return { x, labels };
}

function model(seed: number, units: number, activation: 'softmax' | 'sigmoid') {
  return tf.sequential({
    layers: [tf.layers.dense({ inputShape: [4], units, activation, kernelInitializer: tf.initializers.glorotUniform({ seed }) })],
  });
}

describe('fit', () => {
  it('learns a separable problem and reports Keras-style history', async () => {
    const { x, labels } = blobs(600, 3, 1);
    const { train, validation } = splitTail(arrayDataset({ x, sampleShape: [4], labels, numClasses: 3 }), 0.2);
    const events: TrainEvent['type'][] = [];
    const m = model(1, 3, 'softmax');
    const r = await fit(m, train, {
      epochs: 8,
      batchSize: 32,
      optimizer: { name: 'adam', learningRate: 0.05 },
      validation,
      seed: 3,
      onEvent: (e) => void events.push(e.type),
    });
    expect(r.history.loss).toHaveLength(8);
    expect(r.history.val_acc).toHaveLength(8);
    expect(r.history.loss[7]).toBeLessThan(r.history.loss[0]);
    expect(r.history.val_acc[7]).toBeGreaterThan(0.95);
    expect(events[0]).toBe('train-begin');
    expect(events.filter((t) => t === 'batch-end')).toHaveLength(8 * Math.ceil(480 / 32));
    expect(events.at(-1)).toBe('train-end');
  });

  it('is repeatable for the same seed and differs for another', async () => {
    const { x, labels } = blobs(200, 2, 2);
    const data = arrayDataset({ x, sampleShape: [4], labels, numClasses: 2 });
    const run = async (seed: number) => (await fit(model(5, 1, 'sigmoid'), data, { epochs: 2, batchSize: 16, seed })).history.loss;
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
  });

  it('applies class weights (weighted loss differs from unweighted)', async () => {
    const { x, labels } = blobs(100, 2, 3);
    const data = arrayDataset({ x, sampleShape: [4], labels, numClasses: 2 });
    const plain = await fit(model(9, 1, 'sigmoid'), data, { epochs: 1, batchSize: 100, shuffle: false, optimizer: 'sgd' });
    const weighted = await fit(model(9, 1, 'sigmoid'), data, { epochs: 1, batchSize: 100, shuffle: false, optimizer: 'sgd', classWeight: [3, 3] });
    expect(weighted.history.loss[0]).toBeCloseTo(plain.history.loss[0] * 3, 4);
  });

  it('stops on NaN loss with a clear error', async () => {
    const x = new Float32Array(8 * 4).fill(Number.NaN);
    const data = arrayDataset({ x, sampleShape: [4], labels: new Uint8Array(8), numClasses: 2 });
    await expect(fit(model(1, 1, 'sigmoid'), data, { epochs: 1, batchSize: 4 })).rejects.toThrow(TrainingError);
    await expect(fit(model(1, 1, 'sigmoid'), data, { epochs: 1, batchSize: 4 })).rejects.toThrow(/loss became NaN at epoch 1, step 1/);
  });

  it('honours an abort signal', async () => {
    const { x, labels } = blobs(100, 2, 4);
    const ac = new AbortController();
    const r = await fit(model(1, 1, 'sigmoid'), arrayDataset({ x, sampleShape: [4], labels, numClasses: 2 }), {
      epochs: 5,
      batchSize: 10,
      signal: ac.signal,
      onEvent: (e) => {
        if (e.type === 'batch-end' && e.epoch === 1 && e.batch === 2) ac.abort();
      },
    });
    expect(r.stopped).toBe(true);
    expect(r.history.loss.length).toBe(2);
  });

  it('does not validate a stopped epoch, and a stop during validation ends the loop there', async () => {
    const { x, labels } = blobs(100, 2, 4);
    const split = splitTail(arrayDataset({ x, sampleShape: [4], labels, numClasses: 2 }), 0.2);
    const stopAt = async (when: (e: TrainEvent) => boolean) => {
      const ac = new AbortController();
      const events: TrainEvent[] = [];
      const r = await fit(model(1, 1, 'sigmoid'), split.train, {
        epochs: 5,
        batchSize: 10,
        validation: split.validation,
        signal: ac.signal,
        onEvent: (e) => {
          events.push(e);
          if (when(e)) ac.abort();
        },
      });
      return { r, validations: events.filter((e) => e.type === 'validation-begin').length };
    };
    const inStep = await stopAt((e) => e.type === 'batch-end' && e.epoch === 1 && e.batch === 2);
    expect(inStep.r.stopped).toBe(true);
    expect(inStep.validations).toBe(1);
    expect(inStep.r.history.val_loss).toHaveLength(1);
    const inValidation = await stopAt((e) => e.type === 'validation-begin' && e.epoch === 1);
    expect(inValidation.r.stopped).toBe(true);
    expect(inValidation.r.history.loss).toHaveLength(2);
    expect(inValidation.r.history.val_loss).toHaveLength(1);
  });

  it('rejects bad options', async () => {
    const { x, labels } = blobs(10, 2, 5);
    const data = arrayDataset({ x, sampleShape: [4], labels, numClasses: 2 });
    await expect(fit(model(1, 1, 'sigmoid'), data, { epochs: 0 })).rejects.toThrow(/epochs must be a positive integer/);
    await expect(fit(model(1, 1, 'sigmoid'), data, { classWeight: [1] })).rejects.toThrow(/classWeight must give 2/);
  });
});

describe('evaluateModel', () => {
  it('returns predictions and labels in dataset order with the categorical loss', async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, activation: 'softmax', useBias: false, kernelInitializer: 'identity' })] });
    const x = new Float32Array([2, 0, 0, 2, 2, 0]);
    const ev = await evaluateModel(m, arrayDataset({ x, sampleShape: [2], labels: [0, 1, 1], numClasses: 2, oneHot: true }), { batchSize: 2 });
    const p = Math.exp(2) / (Math.exp(2) + 1);
    expect(Array.from(ev.labels)).toEqual([0, 1, 1]);
    expect(ev.predictions[0]).toBeCloseTo(p, 5);
    expect(ev.accuracy).toBeCloseTo(2 / 3);
    expect(ev.loss).toBeCloseTo((-Math.log(p) * 2 - Math.log(1 - p)) / 3, 5);
  });
});
