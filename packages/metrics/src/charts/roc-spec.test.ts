import { rocAuc } from '../roc-auc';
import { rocCurve } from '../roc-curve';
import { buildRocSpec, DEFAULT_ROC_SIZE, DEFAULT_ROC_TITLE } from './roc-spec';
import { VEGA_LITE_SCHEMA } from './vega-lite';

interface Layer {
  data: { values: Record<string, number>[] };
  mark: { type: string; strokeDash?: number[] };
  encoding: Record<string, { field: string; type: string; scale?: { domain: number[] } }>;
}

const yTrue = [0, 0, 1, 1];
const scores = [0.1, 0.4, 0.35, 0.8];

describe('buildRocSpec', () => {
  it('draws the curve in point order over the chance diagonal', () => {
    const roc = rocCurve(yTrue, scores);
    const spec = buildRocSpec(roc);
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    const [diagonal, curve] = spec.layer as Layer[];
    expect(diagonal.data.values).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 1, tpr: 1 },
    ]);
    expect(diagonal.mark).toMatchObject({ type: 'line', strokeDash: [4, 4] });
    expect(curve.mark.type).toBe('line');
    expect(curve.data.values.map((v) => [v.index, v.fpr, v.tpr])).toEqual([
      [0, 0, 0],
      [1, 0, 0.5],
      [2, 0.5, 0.5],
      [3, 0.5, 1],
      [4, 1, 1],
    ]);
    expect(curve.data.values.map((v) => v.threshold)).toEqual(roc.thresholds);
    expect(curve.encoding.order).toEqual({ field: 'index', type: 'quantitative' });
    for (const layer of [diagonal, curve]) {
      expect(layer.encoding.x).toMatchObject({ field: 'fpr', type: 'quantitative', scale: { domain: [0, 1] } });
      expect(layer.encoding.y).toMatchObject({ field: 'tpr', type: 'quantitative', scale: { domain: [0, 1] } });
    }
  });

  it('shows the AUC as a subtitle when given', () => {
    const roc = rocCurve(yTrue, scores);
    const spec = buildRocSpec(roc, { auc: rocAuc(yTrue, scores), title: 'Pneumonia' });
    expect(spec.title).toEqual({ text: 'Pneumonia', subtitle: 'AUC = 0.7500' });
    expect(buildRocSpec(roc).title).toBe(DEFAULT_ROC_TITLE);
    expect([spec.width, spec.height]).toEqual([DEFAULT_ROC_SIZE, DEFAULT_ROC_SIZE]);
    expect(buildRocSpec(roc, { size: 500 })).toMatchObject({ width: 500, height: 500 });
  });

  it('rejects inconsistent curves and a non-finite AUC', () => {
    expect(() => buildRocSpec({ fpr: [0, 1], tpr: [0], thresholds: [2, 1] })).toThrow(/one entry per point \(got 2, 1, 2\)/);
    expect(() => buildRocSpec({ fpr: [], tpr: [], thresholds: [] })).toThrow(/roc has no points/);
    expect(() => buildRocSpec({ fpr: [0, 1], tpr: [0, 1], thresholds: [2, 1] }, { auc: NaN })).toThrow(/options.auc is NaN/);
  });
});
