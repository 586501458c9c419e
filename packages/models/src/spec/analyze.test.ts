import { SpecError } from '../errors';
import { ZOO_SPECS } from '../zoo/zoo-specs';
import { analyzeSpec, inputRankOf, withInput } from './analyze';
import { parseSpec } from './format';
import type { ModelSpec } from './types';

const CNN = 'conv(8,3x3,relu) pool(2) conv(16,3x3,relu) pool(2) flatten dense(32,relu) dense(10,softmax)';

/** The message analyzeSpec (after parseSpec) gives for `text`. */
function problem(text: string, options: Parameters<typeof analyzeSpec>[1] = { inputShape: [28, 28, 1], classes: 10 }): string {
  try {
    analyzeSpec(parseSpec(text), options);
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error(`no error for ${text}`);
}

describe('analyzeSpec', () => {
  it.each([
    ['mlp-raw', 7960],
    ['mlp-hog', 4040],
    ['cnn-mnist', 1890],
    ['cnn-pneumonia', 164353],
  ] as const)('counts %s: %d parameters (Keras)', (id, params) => {
    const a = analyzeSpec(ZOO_SPECS[id] as ModelSpec);
    expect(a.totalParams).toBe(params);
    expect(a.trainableParams).toBe(params);
  });

  it('gives output shapes and Keras names layer by layer', () => {
    const a = analyzeSpec(parseSpec(CNN), { inputShape: [28, 28, 1], classes: 10 });
    expect(a.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['conv2d', [28, 28, 8], 80],
      ['max_pooling2d', [14, 14, 8], 0],
      ['conv2d_1', [14, 14, 16], 1168],
      ['max_pooling2d_1', [7, 7, 16], 0],
      ['flatten', [784], 0],
      ['dense', [32], 25120],
      ['dense_1', [10], 330],
    ]);
    expect(a.layers[2].arithmetic).toBe('3×3×8×16 + 16');
    expect(a.totalParams).toBe(80 + 1168 + 25120 + 330);
  });

  it('follows valid padding, strides, gap and batch norm (non-trainable moving statistics)', () => {
    const a = analyzeSpec(parseSpec('input(32x32x3) conv(6,5x5,relu,valid,stride=2) bn avgpool(3,stride=2,same) gap dense(4)'));
    expect(a.layers.map((l) => l.outputShape)).toEqual([[14, 14, 6], [14, 14, 6], [7, 7, 6], [6], [4]]);
    expect(a.layers[1].params).toBe(24);
    expect(a.trainableParams).toBe(5 * 5 * 3 * 6 + 6 + 12 + 6 * 4 + 4);
    expect(a.nonTrainableParams).toBe(12);
  });

  describe('ten malformed specs, each a one-line error naming the layer and the problem', () => {
    it('1. unknown layer', () => {
      expect(problem('conv(8,3x3,relu) maxpooling(2) flatten dense(10,softmax)')).toBe(
        "layer 2 maxpooling(2): unknown layer 'maxpooling': expected one of dense, conv, conv2d, pool, maxpool, maxpool2d, avgpool, avgpool2d, flatten, gap, globalavgpool, globalavgpool2d, dropout, bn, batchnorm, act, activation",
      );
    });
    it('2. missing argument', () => {
      expect(problem('conv(8,relu) pool(2) flatten dense(10,softmax)')).toMatch(
        /^layer 1 conv\(8,relu\): conv needs a kernel size: write conv\(filters,kernel/,
      );
    });
    it('3. negative filters', () => {
      expect(problem('conv(-8,3x3,relu) pool(2) flatten dense(10,softmax)')).toBe('layer 1 conv(-8,3x3,relu): filters must be a positive integer, got -8');
      expect(problem('conv(0,3x3,relu) pool(2) flatten dense(10,softmax)')).toMatch(/^layer 1 conv\(0,3x3,relu\): filters must be a positive integer, got 0/);
    });
    it('4. kernel larger than its input', () => {
      expect(problem('conv(8,3x3,relu) pool(2) pool(2) pool(2) conv(8,5x5,relu,valid) flatten dense(10,softmax)')).toBe(
        'layer 5 conv(8,5x5,relu,valid): a 5×5 kernel is larger than the 3×3×8 output of layer 4 pool(2) (valid padding)',
      );
      // With 'same' padding (the conv default) Keras pads: 5×5 over 3×3 gives 3×3.
      expect(analyzeSpec(parseSpec('input(3x3x1) conv(2,5x5) pool(2,same)')).outputShape).toEqual([2, 2, 2]);
      // The example: pooling on 1×1.
      expect(problem('conv(8,3x3,relu) pool(2) pool(2) pool(2) pool(2) conv(16,1x1,relu) pool(2) flatten dense(10,softmax)')).toBe(
        'layer 7 pool(2): a 2×2 window is larger than the 1×1×16 output of layer 6 conv(16,1x1,relu) (valid padding)',
      );
    });
    it('5. 11 outputs for 10 classes', () => {
      expect(problem('conv(8,3x3,relu) pool(2) flatten dense(11,softmax)')).toBe(
        'layer 4 dense(11,softmax): the model gives 11 outputs but the dataset has 10 classes',
      );
    });
    it('6. 2e9 parameters', () => {
      expect(problem('input(100000) dense(20000,relu) dense(10,softmax)', { classes: 10 })).toBe(
        'layer 1 dense(20000,relu): the model reaches 2,000,020,000 parameters here, over the budget of 50,000,000 (2,000,020,000 in this layer)',
      );
    });
    it('7. invalid JSON', () => {
      expect(problem('{"format": "nnlab-model-spec", "version": 1, "layers": [}')).toMatch(/^invalid JSON: /);
    });
    it('8. wrong version', () => {
      expect(problem('{"format": "nnlab-model-spec", "version": 2, "layers": [{"type": "flatten"}]}')).toBe(
        'unsupported spec version 2: this nnlab reads version 1',
      );
    });
    it('9. a Dense before Flatten on an image input', () => {
      expect(problem('conv(8,3x3,relu) pool(2) dense(32,relu) flatten dense(10,softmax)')).toBe(
        'layer 3 dense(32,relu): dense needs a vector, but the 14×14×8 output of layer 2 pool(2) is an image: put flatten (or gap) before it',
      );
    });
    it('10. an empty layer list', () => {
      expect(problem('{"format": "nnlab-model-spec", "version": 1, "input": [784], "layers": []}')).toBe(
        'the layer list is empty: a model needs at least one layer',
      );
      expect(problem('input(784)')).toMatch(/^the layer list is empty/);
    });
  });

  it('refuses other impossible inputs', () => {
    expect(problem(CNN, { inputShape: [784], classes: 10 })).toBe(
      'layer 1 conv(8,3x3,relu): conv needs an image (height×width×channels), but the input 784 is a vector: give the input as an image, e.g. input(28x28x1)',
    );
    expect(problem(`input(28x28x1) ${CNN}`, { inputShape: [32, 32, 3] })).toBe("the spec's input 28×28×1 does not match the data's 32×32×3");
    expect(problem(CNN, {})).toMatch(/^the spec has no input shape/);
    expect(problem('input(28x28x1) conv(8,3x3)', { classes: 10 })).toMatch(/^layer 1 conv\(8,3x3\): the model ends with a 28×28×8 image/);
    expect(problem('{"format": "keras", "version": 1, "layers": []}')).toBe('not a model spec: "format" must be "nnlab-model-spec", got "keras"');
  });

  it('accepts one sigmoid output for two classes', () => {
    expect(analyzeSpec(ZOO_SPECS['cnn-pneumonia'] as ModelSpec, { classes: 2 }).outputShape).toEqual([1]);
  });

  it('says which input a spec wants, and sets it', () => {
    expect(inputRankOf(parseSpec(CNN))).toBe(3);
    expect(inputRankOf(parseSpec('dropout(0.1) dense(10)'))).toBe(1);
    expect(withInput(parseSpec(CNN), [28, 28, 1]).input).toEqual([28, 28, 1]);
  });
});
