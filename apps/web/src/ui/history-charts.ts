/**
 * Live loss and accuracy curves: `buildHistorySpec` over the finished epochs, plus the running
 * means of the epoch in progress as its (provisional) training point.
 */
import type { History } from '@nnlab/core';
import { buildHistorySpec, type HistoryMetric, type TrainingHistory } from '@nnlab/metrics';
import { fmt } from '../util/format';
import { altRow, altTable } from './alt-table';
import { h } from './dom';
import { VegaChart } from './vega-chart';

/** The epoch in progress. */
export interface RunningEpoch {
  /** 0-based epoch index. */
  epoch: number;
  loss: number;
  acc: number;
}

const CHART_WIDTH = 320;
/** Room the axis titles and legend take beside the plot. */
const CHART_CHROME = 160;
const CHART_HEIGHT = 200;

/** Loss and accuracy charts side by side. */
export class HistoryCharts {
  readonly el: HTMLElement;
  private readonly loss = new VegaChart('loss-chart');
  private readonly acc = new VegaChart('acc-chart');
  /** The charts' text alternative: the same numbers as a table. */
  private readonly altBody = h('tbody');
  private readonly alt = altTable('history-table', 'the curves as a table', ['epoch', 'loss', 'accuracy', 'val. loss', 'val. accuracy'], this.altBody);
  private altEpochs = -1;

  constructor() {
    this.el = h('div', { class: 'chart-row', 'data-testid': 'history-charts' }, this.loss.el, this.acc.el, this.alt);
  }

  /**
   * Live curves while training: the finished epochs plus the running epoch's means, drawn by
   * replacing the data of the charts' views (cheap, so the page never blocks). The chart element
   * says which epoch is running (`data-running-epoch`, 1-based).
   */
  live(history: History, running?: RunningEpoch): Promise<void> {
    this.updateTable(history);
    const data = this.data(history, running);
    if (data.loss.length === 0) return Promise.resolve();
    const runningEpoch = running && running.epoch === history.loss.length ? running.epoch + 1 : undefined;
    if (runningEpoch) this.el.dataset.runningEpoch = String(runningEpoch);
    else delete this.el.dataset.runningEpoch;
    // Live specs: fixed titles, automatic epoch ticks (explicit tick values would go stale).
    const spec = (metric: HistoryMetric, title: string) => {
      const s = buildHistorySpec(data, { metric, title: `${title} (live)`, width: this.width(), height: CHART_HEIGHT }) as {
        encoding?: { x?: { axis?: Record<string, unknown> } };
      };
      if (s.encoding?.x?.axis) s.encoding.x.axis = { ...s.encoding.x.axis, values: undefined, tickMinStep: 1 };
      return s as ReturnType<typeof buildHistorySpec>;
    };
    const loss = this.loss.updateData(spec('loss', 'Loss per epoch'));
    const acc = new Promise<void>((resolve) => setTimeout(() => void this.acc.updateData(spec('acc', 'Accuracy per epoch')).then(resolve), 0));
    return Promise.all([loss, acc]).then(() => undefined);
  }

  /** The final curves of a run (the same spec as the CLI's report). */
  update(history: History): Promise<void> {
    delete this.el.dataset.runningEpoch;
    this.updateTable(history);
    const data = this.data(history);
    if (data.loss.length === 0) return Promise.resolve();
    const spec = (metric: HistoryMetric, title: string) => buildHistorySpec(data, { metric, title, width: this.width(), height: CHART_HEIGHT });
    // One chart per task: two Vega renders in one task would block the page twice as long.
    const loss = this.loss.render(spec('loss', 'Loss per epoch'));
    const acc = new Promise<void>((resolve) => setTimeout(() => void this.acc.render(spec('acc', 'Accuracy per epoch')).then(resolve), 0));
    return Promise.all([loss, acc]).then(() => undefined);
  }

  /** Plot width: the preferred one, narrower when the page is (phones). */
  private width(): number {
    const avail = this.el.clientWidth || document.documentElement.clientWidth;
    return Math.max(160, Math.min(CHART_WIDTH, avail - CHART_CHROME));
  }

  private updateTable(history: History): void {
    if (history.loss.length === this.altEpochs) return;
    this.altEpochs = history.loss.length;
    this.altBody.replaceChildren(...history.loss.map((l, i) => altRow([i + 1, ...[l, history.acc[i], history.val_loss[i], history.val_acc[i]].map(fmt)])));
  }

  private data(history: History, running?: RunningEpoch): TrainingHistory {
    const data: TrainingHistory = { loss: [...history.loss], acc: [...history.acc], val_loss: history.val_loss, val_acc: history.val_acc };
    if (running && running.epoch === history.loss.length) {
      (data.loss as number[]).push(running.loss);
      (data.acc as number[]).push(running.acc);
    }
    return data;
  }

  clear(): void {
    this.altEpochs = -1;
    this.altBody.replaceChildren();
    this.loss.clear();
    this.acc.clear();
  }
}
