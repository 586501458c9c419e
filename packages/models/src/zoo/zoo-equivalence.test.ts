import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { buildZooModel, type ModelId } from '../model-zoo';

/**
 * SHA-256 of the initial weights (float32 bytes, layer order) at seed 0, computed with the
 * hand-written builders the zoo had before it became specs (zoo/mlp.ts and zoo/cnn.ts at commit
 * b92fb65, where this test compared the two directly): a model built from its spec must start
 * from bit-identical weights, so recorded runs stay reproducible.
 */
const OLD_BUILDER_WEIGHTS: Record<ModelId, string> = {
  'mlp-raw': 'c66c37b89d80434a91959d988a6e5d2482274b7921f52939c916e5c68d15f1eb',
  'mlp-hog': '1ed823ca6419ddf74270eaa1b6575e9bcd52a89ab0c5a21e9b71397501d35f10',
  'cnn-mnist': '3cee820c18c93da62b1ad10cffea0f6676c3a890fcc03a95ee9b3f54b925b80f',
  'cnn-pneumonia': 'ef52127e18cce384aef458b43b842d8849f4bc5509d988039f5a3d0c970ac132',
};

const OLD_LAYER_NAMES: Record<ModelId, string[]> = {
  'mlp-raw': ['dense', 'dense_1'],
  'mlp-hog': ['dense', 'dense_1'],
  'cnn-mnist': ['conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', 'conv2d_2', 'max_pooling2d_2', 'flatten', 'dense', 'dense_1'],
  'cnn-pneumonia': [
    'conv2d',
    'max_pooling2d',
    'conv2d_1',
    'max_pooling2d_1',
    'conv2d_2',
    'max_pooling2d_2',
    'conv2d_3',
    'max_pooling2d_3',
    'conv2d_4',
    'max_pooling2d_4',
    'flatten',
    'dense',
    'dense_1',
    'dense_2',
  ],
};

function weightsHash(model: tf.LayersModel): string {
  const h = createHash('sha256');
  for (const w of model.getWeights()) h.update(Buffer.from(w.dataSync().buffer));
  return h.digest('hex');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('zoo specs build what the old builders built', () => {
  it.each(Object.keys(OLD_BUILDER_WEIGHTS) as ModelId[])('%s: the same layer names and bit-identical weights at seed 0', (id) => {
    const model = buildZooModel(id, { seed: 0 });
    expect(model.layers.map((l) => l.name)).toEqual(OLD_LAYER_NAMES[id]);
    expect(weightsHash(model)).toBe(OLD_BUILDER_WEIGHTS[id]);
    expect(weightsHash(buildZooModel(id, { seed: 1 }))).not.toBe(OLD_BUILDER_WEIGHTS[id]);
  });

  it('knobs change the spec as the old builder arguments did', () => {
    const mlp = buildZooModel('mlp-raw', { hidden: [32, 16], activation: 'tanh' });
    expect(mlp.layers.map((l) => [l.outputShape, (l.getConfig() as { activation: string }).activation])).toEqual([
      [[null, 32], 'tanh'],
      [[null, 16], 'tanh'],
      [[null, 10], 'softmax'],
    ]);
    expect(buildZooModel('mlp-hog', { inputSize: 100, hidden: [] }).inputs[0].shape).toEqual([null, 100]);
    const cnn = buildZooModel('cnn-pneumonia', { imageSize: 64, hidden: [8] });
    expect(cnn.inputs[0].shape).toEqual([null, 64, 64, 1]);
    expect(cnn.layers.slice(-3).map((l) => l.outputShape)).toEqual([
      [null, 512],
      [null, 8],
      [null, 1],
    ]);
  });

  it('refuses knobs that do not fit the model', () => {
    expect(() => buildZooModel('cnn-mnist', { inputSize: 10 })).toThrow(/inputSize applies to a vector input; cnn-mnist reads images/);
    expect(() => buildZooModel('cnn-mnist', { imageSize: 4 })).toThrow(
      /layer 6 pool\(2\): a 2×2 window is larger than the 1×1×10 output of layer 5 conv\(10,2x2,relu\) \(valid padding\)/,
    );
    // A 3×3 kernel over 2×2 is fine with 'same' padding, as Keras (and the old builder) allowed.
    expect(buildZooModel('cnn-pneumonia', { imageSize: 32 }).outputShape).toEqual([null, 1]);
  });
});
