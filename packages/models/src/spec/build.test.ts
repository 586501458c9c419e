import * as tf from '@tensorflow/tfjs';
import { SpecError } from '../errors';
import { listZoo } from '../model-zoo';
import { buildModel } from './build';
import { formatSpec, parseSpec } from './format';
import { modelMetadata, readModelMetadata, setModelMetadata } from './metadata';
import { normalizeSpec } from './normalize';
import { specOf } from './spec-of';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

describe('buildModel', () => {
  it('builds the issue CNN with Keras names and shapes; the same seed gives the same weights from text and JSON', () => {
    const text = 'conv(8,3x3,relu) pool(2) conv(16,3x3,relu) pool(2) flatten dense(32,relu) dense(10,softmax)';
    const fromText = buildModel(parseSpec(text), { seed: 5, inputShape: [28, 28, 1], classes: 10 });
    expect(fromText.layers.map((l) => l.name)).toEqual(['conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', 'flatten', 'dense', 'dense_1']);
    expect(fromText.outputShape).toEqual([null, 10]);
    const json = JSON.stringify({ ...parseSpec(text), input: [28, 28, 1] });
    const fromJson = buildModel(parseSpec(json), { seed: 5 });
    expect(weightsOf(fromJson)).toEqual(weightsOf(fromText));
    expect(weightsOf(buildModel(parseSpec(json), { seed: 6 }))).not.toEqual(weightsOf(fromText));
  });

  it('refuses a spec that cannot work before building anything', () => {
    expect(() => buildModel(parseSpec('input(784) conv(8,3x3)'))).toThrow(SpecError);
    // A spec written in code gets the parser's argument checks.
    const bad = { format: 'nnlab-model-spec', version: 1, input: [4], layers: [{ type: 'dense', units: -1 }] } as const;
    expect(() => buildModel(bad as never)).toThrow('layer 1 {"type":"dense","units":-1}: units must be a positive integer, got -1');
  });

  it('trains: a step moves the weights (batch norm, dropout, avg pooling, gap included)', async () => {
    const spec = parseSpec('input(8x8x1) conv(4,3x3,relu) bn avgpool(2) dropout(0.1) conv(4,2x2,tanh,valid) gap dense(3,softmax)');
    const model = buildModel(spec, { seed: 1 });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    const before = weightsOf(model);
    const x = tf.randomUniform([6, 8, 8, 1], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3);
    await model.fit(x, y, { epochs: 1, batchSize: 6, verbose: 0 });
    expect(weightsOf(model)).not.toEqual(before);
  });
});

describe('specOf', () => {
  it.each(listZoo().map((e) => e.id))('reads back the zoo spec %s (architecture and input)', (id) => {
    const entry = listZoo().find((e) => e.id === id)!;
    const { training: _training, name: _name, ...arch } = normalizeSpec(entry.spec);
    expect(specOf(entry.build({ seed: 1 }))).toEqual(arch);
  });

  it('round-trips every layer type and argument through buildModel', () => {
    const spec = parseSpec(
      'input(20x20x3) conv(6,5x3,elu,valid,stride=2x1,bias=false) bn(momentum=0.9,epsilon=0.01) pool(3,stride=1,same) avgpool(2) act(selu) gap dropout(0.25) dense(7,softplus,bias=false)',
    );
    expect(specOf(buildModel(spec))).toEqual(spec);
  });

  it('refuses what a spec cannot express', () => {
    const m = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3, dilationRate: 2 })] });
    expect(() => specOf(m)).toThrow(/dilationRate \[2,2\] cannot be written in a model spec/);
    const lstm = tf.sequential({ layers: [tf.layers.simpleRNN({ inputShape: [4, 2], units: 3 })] });
    expect(() => specOf(lstm)).toThrow(/SimpleRNN is not a layer of the model spec/);
  });
});

describe('model metadata', () => {
  it('carries the spec and class names through model.json', async () => {
    const spec = parseSpec('input(4) dense(3,relu) dense(2,softmax)');
    const model = buildModel(spec, { seed: 1 });
    setModelMetadata(model, spec, ['cat', 'dog']);
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    expect(saved!.userDefinedMetadata).toEqual(modelMetadata(spec, ['cat', 'dog']));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(readModelMetadata(loaded)).toEqual({ spec, classNames: ['cat', 'dog'] });
    expect(formatSpec(readModelMetadata({ userDefinedMetadata: saved!.userDefinedMetadata }).spec!)).toBe('input(4) dense(3,relu) dense(2,softmax)');
  });

  it('is empty without metadata and refuses malformed metadata', () => {
    expect(readModelMetadata({ userDefinedMetadata: undefined })).toEqual({});
    expect(() => readModelMetadata({ userDefinedMetadata: { nnlab: { classNames: [1, 2] } } })).toThrow(/classNames must be a list of strings/);
    expect(() => readModelMetadata({ userDefinedMetadata: { nnlab: { spec: { format: 'nnlab-model-spec', version: 9 } } } })).toThrow(
      /unsupported spec version 9/,
    );
  });
});
