/**
 * The runs behind the session's models (trained here, or CLI runs imported with their record),
 * side by side: a table of their settings and test metrics, and their accuracy curves in one
 * chart (training solid, validation dashed), with a table as the chart's text alternative.
 */
import { engineLabel } from '@nnlab/experiments';
import type { SessionModel, SessionModels } from '../state/session-models';
import { h } from '../ui/dom';
import { VegaChart } from '../ui/vega-chart';
import { fmt } from '../util/format';

interface CurveRow {
  run: string;
  epoch: number;
  split: 'train' | 'validation';
  acc: number;
}

/** The comparison chart's Vega-Lite spec. */
export function runCurvesSpec(rows: CurveRow[]): object {
  return {
    title: 'Accuracy per epoch',
    width: 'container',
    height: 220,
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 } },
      y: { field: 'acc', type: 'quantitative', title: 'accuracy', scale: { zero: false } },
      color: { field: 'run', type: 'nominal', title: 'run' },
      strokeDash: { field: 'split', type: 'nominal', title: 'split', sort: ['train', 'validation'] },
      tooltip: [{ field: 'run' }, { field: 'split' }, { field: 'epoch' }, { field: 'acc', format: '.4f' }],
    },
  };
}

export class RunList {
  readonly el: HTMLElement;
  private readonly body = h('tbody', { 'data-testid': 'run-list' });
  private readonly chart = new VegaChart('run-curves', 'chart wide-chart');

  constructor(private readonly session: SessionModels) {
    this.el = h(
      'div',
      { class: 'panel' },
      h('h2', {}, 'Runs'),
      h('p', { class: 'muted' }, 'Runs of the models above — trained here or imported with their run record — kept in this browser until deleted.'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'runs-table' },
          h('caption', { class: 'visually-hidden' }, 'runs with their settings and test metrics'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['run', 'model', 'data', 'epochs', 'engine', 'train time', 'test accuracy', 'test loss', 'final val. accuracy'].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          this.body,
        ),
      ),
      this.chart.el,
    );
    session.list.subscribe((list) => void this.render(list));
  }

  private async render(list: readonly SessionModel[]): Promise<void> {
    const runs = list.filter((m) => m.run);
    if (runs.length === 0) {
      this.body.replaceChildren(h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'no runs yet')));
      this.chart.clear();
      return;
    }
    this.body.replaceChildren(
      ...runs.map((m) => {
        const r = m.run!.record;
        const test = r.test;
        const valAcc = r.history.val_acc.at(-1);
        return h(
          'tr',
          { 'data-run-label': m.label, 'data-test-accuracy': test ? String(test.accuracy) : '' },
          h('th', { scope: 'row' }, m.label, h('span', { class: 'muted' }, ` ${m.run!.origin === 'cli' ? '(CLI)' : ''}`)),
          h('td', {}, r.config.model),
          h('td', {}, `${r.config.data.name}, ${r.config.data.trainCount} train`),
          h('td', { class: 'num' }, String(r.history.loss.length)),
          h('td', {}, engineLabel(r.engine, r.config.backend, m.run!.threads)),
          h('td', { class: 'num' }, r.timing.trainSeconds !== undefined ? `${r.timing.trainSeconds.toFixed(1)} s` : '–'),
          h('td', { class: 'num' }, fmt(test?.accuracy)),
          h('td', { class: 'num' }, fmt(test?.loss)),
          h('td', { class: 'num' }, fmt(valAcc)),
        );
      }),
    );
    const rows: CurveRow[] = [];
    for (const m of runs) {
      const hist = m.run!.record.history;
      hist.acc.forEach((acc, i) => rows.push({ run: m.label, epoch: i + 1, split: 'train', acc }));
      hist.val_acc.forEach((acc, i) => rows.push({ run: m.label, epoch: i + 1, split: 'validation', acc }));
    }
    if (rows.length) await this.chart.render(runCurvesSpec(rows) as never);
    else this.chart.clear();
  }
}
