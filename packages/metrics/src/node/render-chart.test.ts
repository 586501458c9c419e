import { buildConfusionMatrixSpec } from '../charts/confusion-matrix-spec';
import { buildHistorySpec } from '../charts/history-spec';
import { buildRocSpec } from '../charts/roc-spec';
import { renderChartPng, renderChartSvg } from './render-chart';

const history = { loss: [0.9, 0.5, 0.4], acc: [0.7, 0.85, 0.9], val_loss: [0.6, 0.45, 0.42], val_acc: [0.8, 0.86, 0.88] };

describe('headless chart rendering', () => {
  it('renders the history chart to SVG with its title and both series', async () => {
    const svg = await renderChartSvg(buildHistorySpec(history, { metric: 'loss', title: 'Loss per epoch' }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Loss per epoch');
    expect(svg.match(/<path[^>]*aria-roledescription="line mark"/g)?.length ?? svg.match(/role-mark/g)?.length).toBeGreaterThan(0);
  });

  it('is repeatable', async () => {
    const spec = buildConfusionMatrixSpec([
      [5, 1],
      [2, 7],
    ]);
    expect(await renderChartSvg(spec)).toBe(await renderChartSvg(spec));
  });

  it('writes the counts into confusion-matrix cells', async () => {
    const svg = await renderChartSvg(
      buildConfusionMatrixSpec([
        [123, 4],
        [5, 678],
      ]),
    );
    for (const n of ['123', '4', '5', '678']) expect(svg).toContain(`>${n}<`);
  });

  it('renders PNG bytes (ROC curve)', async () => {
    const png = await renderChartPng(buildRocSpec({ fpr: [0, 0.2, 1], tpr: [0, 0.8, 1], thresholds: [2, 0.5, 0] }, { auc: 0.8 }));
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.byteLength).toBeGreaterThan(2000);
  });
});
