import { SpecError } from '../errors';
import { ZOO_SPECS } from '../zoo/zoo-specs';
import { formatLayer, formatSpec, parseSpec } from './format';
import { normalizeSpec } from './normalize';
import type { ModelSpec } from './types';

const ISSUE_EXAMPLES = [
  'conv(16,3x3,relu) pool(2) conv(32,3x3,relu) pool(2) flatten dense(64,relu) dropout(0.2) dense(10,softmax)',
  'conv(8,3x3,relu) pool(2) conv(16,3x3,relu) pool(2) flatten dense(32,relu) dense(10,softmax)',
];

describe('parseSpec: the text form', () => {
  it.each(ISSUE_EXAMPLES)('reads the issue example %s and writes it back as written', (text) => {
    const spec = parseSpec(text);
    expect(spec.format).toBe('nnlab-model-spec');
    expect(spec.version).toBe(1);
    expect(spec.input).toBeUndefined();
    expect(formatSpec(spec)).toBe(text);
  });

  it('gives the layers of the first example in full', () => {
    const spec = parseSpec(ISSUE_EXAMPLES[0]);
    expect(spec.layers[0]).toEqual({ type: 'conv2d', filters: 16, kernel: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu', useBias: true });
    expect(spec.layers[1]).toEqual({ type: 'maxpool2d', pool: [2, 2], strides: [2, 2], padding: 'valid' });
    expect(spec.layers[4]).toEqual({ type: 'flatten' });
    expect(spec.layers[5]).toEqual({ type: 'dense', units: 64, activation: 'relu', useBias: true });
    expect(spec.layers[6]).toEqual({ type: 'dropout', rate: 0.2 });
  });

  it('reads the rest of the grammar: input, names, strides, padding, pools, gap, bn, act, bias', () => {
    const text =
      'name(my-cnn) input(28x28x1) conv(10, 2x2, relu, valid, stride=2) avgpool(2x3,stride=1,same) bn(momentum=0.9) act(tanh) ' +
      'conv(4,5,bias=false) gap dropout(0.5) dense(10,softmax)';
    const spec = parseSpec(text);
    expect(spec.name).toBe('my-cnn');
    expect(spec.input).toEqual([28, 28, 1]);
    expect(spec.layers[0]).toMatchObject({ kernel: [2, 2], padding: 'valid', strides: [2, 2] });
    expect(spec.layers[1]).toEqual({ type: 'avgpool2d', pool: [2, 3], strides: [1, 1], padding: 'same' });
    expect(spec.layers[2]).toEqual({ type: 'batchnorm', momentum: 0.9, epsilon: 1e-3 });
    expect(spec.layers[3]).toEqual({ type: 'activation', activation: 'tanh' });
    expect(spec.layers[4]).toMatchObject({ filters: 4, kernel: [5, 5], activation: 'linear', useBias: false });
    expect(spec.layers[5]).toEqual({ type: 'globalavgpool2d' });
    expect(formatSpec(spec)).toBe(
      'name(my-cnn) input(28x28x1) conv(10,2x2,relu,valid,stride=2) avgpool(2x3,stride=1,same) bn(momentum=0.9) act(tanh) conv(4,5x5,bias=false) gap dropout(0.5) dense(10,softmax)',
    );
  });

  it('reads training settings after ;', () => {
    const spec = parseSpec(
      'input(784) dense(10,relu) dense(10,softmax) ; rmsprop(lr=0.01,rho=0.95,momentum=0.5,centered) epochs(10) batch(64) val(0.1) loss(categoricalCrossentropy) classweights(balanced)',
    );
    expect(spec.training).toEqual({
      optimizer: { name: 'rmsprop', learningRate: 0.01, rho: 0.95, momentum: 0.5, epsilon: 1e-7, centered: true },
      loss: 'categoricalCrossentropy',
      epochs: 10,
      batchSize: 64,
      validationSplit: 0.1,
      classWeights: true,
    });
    expect(formatSpec(spec)).toBe(
      'input(784) dense(10,relu) dense(10,softmax) ; rmsprop(lr=0.01,rho=0.95,momentum=0.5,centered=true) loss(categoricalCrossentropy) epochs(10) batch(64) val(0.1) classweights(balanced)',
    );
    expect(parseSpec('input(4) dense(2) ; sgd(0.1,nesterov,momentum=0.9) classweights(1,2.5)').training).toEqual({
      optimizer: { name: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true },
      classWeights: [1, 2.5],
    });
    expect(() => parseSpec('input(4) dense(2) ; adam(rho=0.9)')).toThrow(/training adam\(rho=0.9\): optimizer adam: rho is not one of its settings/);
    expect(() => parseSpec('input(4) dense(2) ; epochs(0)')).toThrow(/training.epochs must be a positive integer/);
  });

  it.each(Object.values(ZOO_SPECS) as ModelSpec[])('round-trips the zoo spec $name through text and JSON', (spec) => {
    const text = formatSpec(spec);
    expect(parseSpec(text)).toEqual(normalizeSpec(spec));
    expect(parseSpec(JSON.stringify(spec))).toEqual(normalizeSpec(spec));
    expect(formatSpec(parseSpec(text))).toBe(text);
  });

  it('writes the zoo specs compactly', () => {
    expect(formatSpec(ZOO_SPECS['cnn-mnist'])).toBe(
      'name(cnn-mnist) input(28x28x1) conv(10,2x2,relu) pool(2) conv(10,2x2,relu) pool(2) conv(10,2x2,relu) pool(2) flatten dense(10,relu) dense(10,softmax) ; rmsprop loss(categoricalCrossentropy) epochs(3) batch(128) val(0.1) classweights(none)',
    );
  });

  it('fills defaults in JSON specs (canonical form)', () => {
    const spec = parseSpec('{"format":"nnlab-model-spec","version":1,"input":[8],"layers":[{"type":"dense","units":2}]}');
    expect(spec.layers).toEqual([{ type: 'dense', units: 2, activation: 'linear', useBias: true }]);
    expect(formatLayer(spec.layers[0])).toBe('dense(2)');
  });

  it.each([
    ['dense(10) foo(3)', /^layer 2 foo\(3\): unknown layer 'foo': expected one of dense, conv/],
    ['conv(16)', /^layer 1 conv\(16\): conv needs a kernel size: write conv\(filters,kernel/],
    ['dense(10,relu,blah)', /^layer 1 dense\(10,relu,blah\): unknown activation or argument 'blah'/],
    ['dense(10,stride=2)', /^layer 1 dense\(10,stride=2\): unknown argument 'stride=' of dense/],
    ['conv(-8,3x3)', /^layer 1 conv\(-8,3x3\): filters must be a positive integer, got -8/],
    ['dropout(1.5)', /^layer 1 dropout\(1.5\): rate must be a number in \[0, 1\), got 1.5/],
    ['dense(10', /no closing '\)'/],
    ['', /the spec is empty/],
    ['{"format":"nnlab-model-spec",', /^invalid JSON: /],
  ])('refuses %s', (text, message) => {
    expect(() => parseSpec(text)).toThrow(SpecError);
    expect(() => parseSpec(text)).toThrow(message);
  });
});
