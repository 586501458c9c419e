import { confusionMatrix } from '../confusion-matrix';
import { buildConfusionMatrixSpec, CONFUSION_MATRIX_SCHEME, DEFAULT_CONFUSION_MATRIX_TITLE } from './confusion-matrix-spec';
import { VEGA_LITE_SCHEMA } from './vega-lite';

interface Layer {
  mark: { type: string };
  encoding: Record<string, { field?: string; type?: string; condition?: { test: string; value: string }; value?: string; scale?: unknown }>;
}

const m = [
  [5, 1],
  [2, 0],
];

describe('buildConfusionMatrixSpec', () => {
  it('has one datum per cell with rows = true class', () => {
    const spec = buildConfusionMatrixSpec(m, { labels: ['normal', 'pneumonia'] });
    expect((spec.data as { values: unknown[] }).values).toEqual([
      { actual: 'normal', predicted: 'normal', count: 5, fractionOfTrue: 5 / 6 },
      { actual: 'normal', predicted: 'pneumonia', count: 1, fractionOfTrue: 1 / 6 },
      { actual: 'pneumonia', predicted: 'normal', count: 2, fractionOfTrue: 1 },
      { actual: 'pneumonia', predicted: 'pneumonia', count: 0, fractionOfTrue: 0 },
    ]);
  });

  it('maps predicted to x and true to y, in class order', () => {
    const spec = buildConfusionMatrixSpec(m, { labels: ['normal', 'pneumonia'] });
    const enc = spec.encoding as Record<string, { field: string; sort: string[]; title: string }>;
    expect(enc.x).toMatchObject({ field: 'predicted', type: 'nominal', sort: ['normal', 'pneumonia'], title: 'predicted' });
    expect(enc.y).toMatchObject({ field: 'actual', type: 'nominal', sort: ['normal', 'pneumonia'], title: 'true' });
  });

  it('layers a coloured rect and the count as text', () => {
    const spec = buildConfusionMatrixSpec(m);
    const [rect, text] = spec.layer as Layer[];
    expect(rect.mark.type).toBe('rect');
    expect(rect.encoding.color).toMatchObject({ field: 'count', type: 'quantitative', scale: { scheme: CONFUSION_MATRIX_SCHEME } });
    expect(text.mark.type).toBe('text');
    expect(text.encoding.text).toMatchObject({ field: 'count', type: 'quantitative' });
    // Text turns white on cells darker than half the largest count (5).
    expect(text.encoding.color).toEqual({ condition: { test: 'datum.count > 2.5', value: 'white' }, value: 'black' });
  });

  it('defaults to index labels and a standard title, and accepts a ConfusionMatrix', () => {
    const cm = confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1]);
    const spec = buildConfusionMatrixSpec(cm, { title: 'Digits' });
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    expect(spec.title).toBe('Digits');
    expect(buildConfusionMatrixSpec(cm).title).toBe(DEFAULT_CONFUSION_MATRIX_TITLE);
    const values = (spec.data as { values: { actual: string; predicted: string; count: number }[] }).values;
    expect(values).toHaveLength(9);
    expect(values.find((v) => v.actual === '2' && v.predicted === '1')?.count).toBe(1);
    expect((spec.encoding as Record<string, { sort: string[] }>).x.sort).toEqual(['0', '1', '2']);
  });

  it('rejects labels that do not fit the matrix', () => {
    expect(() => buildConfusionMatrixSpec(m, { labels: ['a'] })).toThrow(/labels has 1 names but the matrix has 2 classes/);
    expect(() => buildConfusionMatrixSpec(m, { labels: ['a', 'a'] })).toThrow(/labels must be distinct/);
    expect(() => buildConfusionMatrixSpec([[1, 2]])).toThrow(/buildConfusionMatrixSpec: matrix row 0/);
  });
});
