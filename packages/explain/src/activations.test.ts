import * as tf from '@tensorflow/tfjs';
import { activationMaps, convFilters } from './activations';
import { ExplainInputError } from './errors';
import { linearModel, seededInput, tinyCnn } from './testing/models';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('activationMaps', () => {
  it('returns each conv layer’s maps, equal to a sub-model’s output', async () => {
    const model = tinyCnn(8, 3);
    const x = seededInput(64);
    const maps = await activationMaps(model, x);
    expect(maps.map((m) => [m.layer, m.height, m.width, m.channels])).toEqual([
      ['conv2d', 8, 8, 4],
      ['conv2d_1', 4, 4, 5],
    ]);
    const sub = tf.model({ inputs: model.inputs, outputs: model.getLayer('conv2d_1').output as tf.SymbolicTensor });
    const ref = (sub.predict(tf.tensor(x, [1, 8, 8, 1])) as tf.Tensor).dataSync();
    for (let c = 0; c < 5; c++) for (let p = 0; p < 16; p++) expect(maps[1].maps[c][p]).toBeCloseTo(ref[p * 5 + c], 6);
  });

  it('adds pooling layers on request and leaks nothing', async () => {
    const model = tinyCnn(8, 3);
    await activationMaps(model, seededInput(64), { pooling: true });
    const before = tf.memory().numTensors;
    const maps = await activationMaps(model, seededInput(64), { pooling: true });
    expect(tf.memory().numTensors).toBe(before);
    expect(maps.map((m) => m.kind)).toEqual(['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D']);
  });

  it('refuses a model without conv layers', async () => {
    await expect(activationMaps(linearModel([[1]], [0]), [1])).rejects.toThrow(ExplainInputError);
  });
});

describe('convFilters', () => {
  it('reads the first conv layer’s kernels per filter', async () => {
    const model = tinyCnn(8, 3);
    const f = await convFilters(model);
    expect([f.layer, f.kernelHeight, f.kernelWidth, f.inChannels, f.filters]).toEqual(['conv2d', 3, 3, 1, 4]);
    const k = model.getLayer('conv2d').getWeights()[0].arraySync() as number[][][][];
    expect(f.weights[2][0][1 * 3 + 2]).toBeCloseTo(k[1][2][0][2], 7);
    expect(Array.from(f.bias)).toEqual([0.05, 0.05, 0.05, 0.05].map(Math.fround));
  });

  it('names the layers when one is unknown', async () => {
    await expect(convFilters(tinyCnn(8, 3), 'nope')).rejects.toThrow(/unknown layer 'nope': the model has conv2d/);
    await expect(convFilters(tinyCnn(8, 3), 'dense')).rejects.toThrow(/not a Conv2D layer/);
  });
});
