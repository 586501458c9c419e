import { buildHistorySpec, DEFAULT_HISTORY_TITLES } from './history-spec';
import { DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH, VEGA_LITE_SCHEMA } from './vega-lite';

interface Enc {
  field: string;
  axis?: unknown;
  type: string;
  title?: unknown;
  scale?: { domain?: unknown };
}

const history = { loss: [0.9, 0.5, 0.3], acc: [0.6, 0.8, 0.9], val_loss: [1.0, 0.6, 0.45], val_acc: [0.55, 0.75, 0.85] };

describe('buildHistorySpec', () => {
  it('inlines train and validation values per 1-based epoch', () => {
    const spec = buildHistorySpec(history, { metric: 'loss' });
    expect((spec.data as { values: unknown[] }).values).toEqual([
      { epoch: 1, split: 'train', value: 0.9 },
      { epoch: 2, split: 'train', value: 0.5 },
      { epoch: 3, split: 'train', value: 0.3 },
      { epoch: 1, split: 'validation', value: 1.0 },
      { epoch: 2, split: 'validation', value: 0.6 },
      { epoch: 3, split: 'validation', value: 0.45 },
    ]);
  });

  it('encodes epoch on x, the metric on y and the split as colour', () => {
    const spec = buildHistorySpec(history, { metric: 'acc', title: 'MLP accuracy' });
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    expect(spec.title).toBe('MLP accuracy');
    expect(spec.mark).toEqual({ type: 'line', point: true });
    const enc = spec.encoding as Record<string, Enc>;
    // Integer epoch ticks: format 'd' (vega-lite derives tickMinStep 1 from it), and every epoch
    // listed for short runs.
    expect(enc.x).toMatchObject({ field: 'epoch', type: 'quantitative', axis: { format: 'd', tickMinStep: 1, values: [1, 2, 3] } });
    expect(enc.y).toMatchObject({ field: 'value', type: 'quantitative', title: 'accuracy' });
    expect(enc.color).toMatchObject({ field: 'split', type: 'nominal', scale: { domain: ['train', 'validation'] } });
    const values = (spec.data as { values: { split: string; value: number }[] }).values;
    expect(values.filter((v) => v.split === 'validation').map((v) => v.value)).toEqual(history.val_acc);
  });

  it('uses defaults for title and size', () => {
    const spec = buildHistorySpec(history, { metric: 'loss' });
    expect(spec.title).toBe(DEFAULT_HISTORY_TITLES.loss);
    expect([spec.width, spec.height]).toEqual([DEFAULT_CHART_WIDTH, DEFAULT_CHART_HEIGHT]);
    expect(buildHistorySpec(history, { metric: 'loss', width: 640, height: 200 })).toMatchObject({ width: 640, height: 200 });
  });

  it('leaves tick placement to Vega for long runs', () => {
    const long = Array.from({ length: 30 }, (_, i) => 1 / (i + 1));
    const enc = buildHistorySpec({ loss: long, acc: long }, { metric: 'loss' }).encoding as Record<string, { axis: object }>;
    expect(enc.x.axis).toEqual({ format: 'd', tickMinStep: 1 });
  });

  it('draws only the train curve without validation data', () => {
    const spec = buildHistorySpec({ loss: [1, 0.5], acc: [0.5, 0.7] }, { metric: 'acc' });
    const values = (spec.data as { values: { split: string }[] }).values;
    expect(values).toHaveLength(2);
    expect(values.every((v) => v.split === 'train')).toBe(true);
  });

  it('writes non-finite values as null and stays JSON round-trippable', () => {
    const spec = buildHistorySpec({ loss: [1, NaN, Infinity], acc: [] }, { metric: 'loss' });
    const values = (spec.data as { values: { value: number | null }[] }).values;
    expect(values.map((v) => v.value)).toEqual([1, null, null]);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('rejects an empty series or an unknown metric', () => {
    expect(() => buildHistorySpec({ loss: [1], acc: [] }, { metric: 'acc' })).toThrow(/buildHistorySpec: history.acc is empty/);
    expect(() => buildHistorySpec(history, { metric: 'f1' as 'acc' })).toThrow(/metric must be 'loss' or 'acc'/);
  });
});
