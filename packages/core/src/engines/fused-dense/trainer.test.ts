import * as tf from '@tensorflow/tfjs';
import { arrayDataset, type Dataset } from '../../dataset';
import { fit, type FitResult } from '../../fit';
import { KerasAdam } from '../../keras-adam';
import { KerasRMSprop } from '../../keras-rmsprop';
import type { LossName } from '../../losses';
import { fusedDenseSupport } from './plan';
import { createFusedDenseTrainer } from './trainer';
import { maxAbsDiff, seededValues, setUpBackends } from '@nnlab/kernels-wasm/testing';

beforeAll(async () => {
  await setUpBackends();
});

interface LayerSpec {
  units: number;
  activation: string;
  useBias?: boolean;
}

function buildModel(inputs: number, layers: LayerSpec[], seed: number): tf.Sequential {
  const model = tf.sequential();
  layers.forEach((l, i) =>
    model.add(
      tf.layers.dense({
        units: l.units,
        activation: l.activation as 'relu',
        useBias: l.useBias ?? true,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: seed + 50 + i }),
        ...(i === 0 ? { inputShape: [inputs] } : {}),
      }),
    ),
  );
  return model;
}

function dataset(size: number, inputs: number, classes: number, seed: number): Dataset {
  const x = seededValues(size * inputs, seed, 0, 1);
  const labels = Array.from({ length: size }, (_, i) => (i * 7 + seed) % classes);
  // Make the labels learnable: shift a few inputs by the label.
  labels.forEach((c, i) => (x[i * inputs + (c % inputs)] += 1));
  return arrayDataset({ x, sampleShape: [inputs], labels, numClasses: classes });
}

interface Trained {
  result: FitResult;
  weights: Float32Array[];
  slots: Float32Array[];
  iterations: number;
}

async function train(
  fused: boolean,
  inputs: number,
  layers: LayerSpec[],
  data: Dataset,
  makeOptimizer: () => KerasRMSprop | KerasAdam,
  options: { batchSize: number; epochs: number; loss?: LossName; classWeight?: number[] },
): Promise<Trained> {
  await tf.setBackend('wasm');
  const model = buildModel(inputs, layers, 11);
  const optimizer = makeOptimizer();
  const result = await fit(model, data, { ...options, optimizer, seed: 3, fusedDense: fused });
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  const state = await optimizer.getWeights();
  const slots = state.slice(1).map((s) => Float32Array.from(s.tensor.dataSync()));
  const iterations = state[0].tensor.dataSync()[0];
  model.dispose();
  optimizer.dispose();
  return { result, weights, slots, iterations };
}

function expectClose(got: Trained, want: Trained, tolerance: number): void {
  expect(got.result.stepEngine).toBe('fused-dense');
  expect(want.result.stepEngine).toBe('tfjs');
  expect(got.weights.length).toBe(want.weights.length);
  got.weights.forEach((w, i) => expect(maxAbsDiff(w, want.weights[i])).toBeLessThan(tolerance));
  expect(got.slots.length).toBe(want.slots.length);
  got.slots.forEach((s, i) => expect(maxAbsDiff(s, want.slots[i])).toBeLessThan(tolerance));
  expect(got.iterations).toBe(want.iterations);
  expect(maxAbsDiff(got.result.history.loss, want.result.history.loss)).toBeLessThan(tolerance);
  expect(got.result.history.acc).toEqual(want.result.history.acc);
}

// ε = 1 makes each update ≈ η·g, so the weights after several steps compare the gradients
// themselves (with Keras' ε = 1e-7 an update is ≈ η·sign(g), blind to gradient errors).
const rmsprop = () => new KerasRMSprop(0.05, 0.9, 0, 1);
const adam = () => new KerasAdam(0.05, 0.9, 0.999, 1);

describe('the fused dense trainer (wasm)', () => {
  it('trains the course MLP shape like tfjs autodiff: RMSprop, softmax + categorical cross-entropy, a partial last batch', async () => {
    const layers = [
      { units: 10, activation: 'relu' },
      { units: 10, activation: 'softmax' },
    ];
    const data = dataset(150, 64, 10, 1);
    const opts = { batchSize: 32, epochs: 3 };
    const want = await train(false, 64, layers, data, rmsprop, opts);
    const got = await train(true, 64, layers, data, rmsprop, opts);
    expectClose(got, want, 2e-5);
  });

  it('handles odd widths (column blocks of 3, 2 and 1 vectors), every hidden activation, no-bias layers, Adam and class weights', async () => {
    const layers = [
      { units: 25, activation: 'relu' },
      { units: 17, activation: 'tanh', useBias: false },
      { units: 6, activation: 'sigmoid' },
      { units: 9, activation: 'linear' },
      { units: 7, activation: 'softmax' },
    ];
    const data = dataset(61, 30, 7, 2);
    const opts = { batchSize: 16, epochs: 2, classWeight: [1, 2, 0.5, 1, 3, 1, 0.25] };
    const want = await train(false, 30, layers, data, adam, opts);
    const got = await train(true, 30, layers, data, adam, opts);
    expectClose(got, want, 2e-5);
  });

  it('trains a sigmoid output with binary cross-entropy and class weights', async () => {
    const layers = [
      { units: 5, activation: 'relu' },
      { units: 1, activation: 'sigmoid' },
    ];
    const data = dataset(40, 13, 2, 3);
    const opts = { batchSize: 8, epochs: 2, classWeight: [0.7, 1.9], loss: 'binaryCrossentropy' as const };
    const want = await train(false, 13, layers, data, rmsprop, opts);
    const got = await train(true, 13, layers, data, rmsprop, opts);
    expectClose(got, want, 2e-5);
  });

  it("with Keras' defaults the loss curve follows tfjs' closely", async () => {
    const layers = [
      { units: 10, activation: 'relu' },
      { units: 10, activation: 'softmax' },
    ];
    const data = dataset(256, 48, 10, 4);
    const opts = { batchSize: 32, epochs: 3 };
    const keras = () => new KerasRMSprop(1e-3, 0.9, 0, 1e-7);
    const want = await train(false, 48, layers, data, keras, opts);
    const got = await train(true, 48, layers, data, keras, opts);
    expect(maxAbsDiff(got.result.history.loss, want.result.history.loss)).toBeLessThan(1e-3);
  });

  it('leaves a model that predicts with the new weights (no stale XNNPACK packing of the old ones)', async () => {
    await tf.setBackend('wasm');
    const model = buildModel(
      20,
      [
        { units: 8, activation: 'relu' },
        { units: 4, activation: 'softmax' },
      ],
      5,
    );
    const x = tf.tensor2d(seededValues(3 * 20, 9, 0, 1), [3, 20]);
    const before = (model.predict(x) as tf.Tensor).dataSync().slice();
    const result = await fit(model, dataset(64, 20, 4, 5), { batchSize: 16, optimizer: rmsprop() });
    expect(result.stepEngine).toBe('fused-dense');
    const after = (model.predict(x) as tf.Tensor).dataSync().slice();
    // The same weights on the cpu backend give the same predictions.
    const weights = model.getWeights().map((w) => ({ values: w.dataSync().slice(), shape: w.shape }));
    await tf.setBackend('cpu');
    const cpuModel = buildModel(
      20,
      [
        { units: 8, activation: 'relu' },
        { units: 4, activation: 'softmax' },
      ],
      5,
    );
    cpuModel.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
    const cpu = (cpuModel.predict(tf.tensor2d(seededValues(3 * 20, 9, 0, 1), [3, 20])) as tf.Tensor).dataSync();
    expect(maxAbsDiff(after, before)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(after, cpu)).toBeLessThan(1e-5);
    await tf.setBackend('wasm');
  });

  it('says why a model, loss, optimizer or backend is not fused', async () => {
    await tf.setBackend('wasm');
    const mlp = buildModel(
      8,
      [
        { units: 4, activation: 'relu' },
        { units: 3, activation: 'softmax' },
      ],
      1,
    );
    expect(fusedDenseSupport(mlp, rmsprop(), 'categoricalCrossentropy')).toBeNull();
    expect(fusedDenseSupport(mlp, rmsprop(), 'binaryCrossentropy')).toMatch(/sigmoid output/);
    expect(fusedDenseSupport(mlp, new KerasRMSprop(1e-3, 0.9, 0.5, 1e-7), 'categoricalCrossentropy')).toMatch(/host update rule/);
    expect(fusedDenseSupport(mlp, tf.train.sgd(0.1), 'categoricalCrossentropy')).toMatch(/host update rule/);
    const elu = buildModel(
      8,
      [
        { units: 4, activation: 'elu' },
        { units: 3, activation: 'softmax' },
      ],
      1,
    );
    expect(fusedDenseSupport(elu, rmsprop(), 'categoricalCrossentropy')).toMatch(/hidden activation 'elu'/);
    const cnn = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    expect(fusedDenseSupport(cnn, rmsprop(), 'categoricalCrossentropy')).toMatch(/Conv2D/);
    await tf.setBackend('cpu');
    expect(fusedDenseSupport(mlp, rmsprop(), 'categoricalCrossentropy')).toMatch(/active backend is cpu/);
    await tf.setBackend('wasm');
  });

  it('refuses batches larger than it was made for', async () => {
    await tf.setBackend('wasm');
    const model = buildModel(8, [{ units: 3, activation: 'softmax' }], 1);
    const trainer = createFusedDenseTrainer(model, rmsprop(), 'categoricalCrossentropy', 4);
    expect(trainer).not.toBeNull();
    const x = new Float32Array(5 * 8);
    const y = new Float32Array(5 * 3);
    expect(() => trainer!.step(x, y, undefined, 5, new Float32Array(15))).toThrow(/batch of 5 samples, expected 1\.\.4/);
    trainer!.dispose();
    expect(() => trainer!.step(x, y, undefined, 2, new Float32Array(15))).toThrow(/after dispose/);
  });
});
