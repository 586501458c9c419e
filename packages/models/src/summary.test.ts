import { buildZooModel, listZoo } from './model-zoo';
import { buildModel } from './spec/build';
import { parseSpec } from './spec/format';
import { formatSummary, summarizeModel } from './summary';

describe('model zoo parameter counts (Keras figures)', () => {
  it.each([
    ['mlp-raw', 7960],
    ['mlp-hog', 4040],
    ['cnn-mnist', 1890],
    ['cnn-pneumonia', 164353],
  ])('%s has %d parameters', (id, params) => {
    const s = summarizeModel(buildZooModel(id));
    expect(s.totalParams).toBe(params);
    expect(s.trainableParams).toBe(params);
    expect(listZoo().find((e) => e.id === id)!.defaultParams).toBe(params);
  });

  it('prints the Keras table for mlp-raw', () => {
    const text = formatSummary(summarizeModel(buildZooModel('mlp-raw')));
    expect(text).toContain('dense (Dense)');
    expect(text).toMatch(/\(None, 10\)\s+7,850/);
    expect(text).toMatch(/\(None, 10\)\s+110/);
    expect(text).toContain('Total params: 7,960 (31.09 KB)');
  });

  it('shows the flatten width of cnn-mnist (90) and pneumonia (2048)', () => {
    const cnn = summarizeModel(buildZooModel('cnn-mnist'));
    expect(cnn.rows.find((r) => r.type === 'Flatten')!.outputShape).toEqual([null, 90]);
    const pn = summarizeModel(buildZooModel('cnn-pneumonia'));
    expect(pn.rows.find((r) => r.type === 'Flatten')!.outputShape).toEqual([null, 2048]);
  });

  it('scales with builder arguments', () => {
    expect(summarizeModel(buildZooModel('mlp-raw', { hidden: [32] })).totalParams).toBe(784 * 32 + 32 + 32 * 10 + 10);
  });

  it('rejects an unknown id, listing the zoo', () => {
    expect(() => buildZooModel('resnet')).toThrow(/unknown model 'resnet': the zoo has mlp-raw, mlp-hog, cnn-mnist, cnn-pneumonia/);
  });
});

describe('summaries from specs (no model built)', () => {
  it.each(listZoo().map((e) => e.id))('%s: the same rows and totals as the built model', (id) => {
    const entry = listZoo().find((e) => e.id === id)!;
    expect(summarizeModel(entry.spec)).toEqual(summarizeModel(entry.build()));
    expect(formatSummary(summarizeModel(entry.spec))).toBe(formatSummary(summarizeModel(entry.build())));
  });

  it('matches the built model for batch norm, gap, strides, valid padding and no bias', () => {
    const spec = parseSpec(
      'input(20x20x3) conv(6,5x5,relu,valid,stride=2) bn avgpool(3,stride=2,same) conv(4,3x3,bias=false) gap dropout(0.5) dense(4,softmax)',
    );
    expect(summarizeModel(spec)).toEqual(summarizeModel(buildModel(spec)));
  });
});
