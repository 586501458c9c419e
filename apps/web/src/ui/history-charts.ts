/**
 * Live loss and accuracy curves: `buildHistorySpec` over the finished epochs, plus the running
 * means of the epoch in progress as its (provisional) training point.
 */
import type { History } from '@nnlab/core';
import { buildHistorySpec, type HistoryMetric, type TrainingHistory } from '@nnlab/metrics';
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
const CHART_HEIGHT = 200;

/** Loss and accuracy charts side by side. */
export class HistoryCharts {
  readonly el: HTMLElement;
  private readonly loss = new VegaChart('loss-chart');
  private readonly acc = new VegaChart('acc-chart');

  constructor() {
    this.el = h('div', { class: 'chart-row' }, this.loss.el, this.acc.el);
  }

  /** Redraws both charts. */
  update(history: History, running?: RunningEpoch): Promise<void> {
    const data: TrainingHistory = {
      loss: [...history.loss],
      acc: [...history.acc],
      val_loss: history.val_loss,
      val_acc: history.val_acc,
    };
    if (running && running.epoch === history.loss.length) {
      (data.loss as number[]).push(running.loss);
      (data.acc as number[]).push(running.acc);
    }
    if (data.loss.length === 0) return Promise.resolve();
    const suffix = running && running.epoch === history.loss.length ? ` (epoch ${running.epoch + 1} running)` : '';
    const spec = (metric: HistoryMetric, title: string) => buildHistorySpec(data, { metric, title: `${title}${suffix}`, width: CHART_WIDTH, height: CHART_HEIGHT });
    return Promise.all([this.loss.render(spec('loss', 'Loss per epoch')), this.acc.render(spec('acc', 'Accuracy per epoch'))]).then(() => undefined);
  }

  clear(): void {
    this.loss.clear();
    this.acc.clear();
  }
}
