/**
 * The Train page's live view of a run: the progress bar and line, and the loss/accuracy curves
 * (every epoch, and the running epoch at most every LIVE_CHART_INTERVAL_MS). It only renders the
 * training worker's events — nothing here computes.
 */
import type { History, TrainEvent } from '@nnlab/core';
import { h } from '../ui/dom';
import { HistoryCharts } from '../ui/history-charts';
import { fmt, seconds } from '../util/format';
import { Throttle } from '../util/throttle';

/** Chart updates within an epoch: at most this often. */
export const LIVE_CHART_INTERVAL_MS = 2000;

/** Progress bar, progress line and live curves. */
export class TrainProgressView {
  readonly bar = h('progress', { class: 'train-progress', max: 1, value: 0, id: 'train-progress-bar', 'aria-label': 'training progress' });
  readonly text = h('span', { class: 'progress-text', 'data-testid': 'train-progress' }, 'no run yet: loss and accuracy curves appear here while training');
  readonly charts = new HistoryCharts();
  private history: History = { loss: [], acc: [], val_loss: [], val_acc: [] };
  private chartThrottle = new Throttle(LIVE_CHART_INTERVAL_MS);
  private totalSteps = 1;
  private stepsPerEpoch = 1;

  /** Clears everything for a new run. */
  reset(): void {
    this.history = { loss: [], acc: [], val_loss: [], val_acc: [] };
    this.chartThrottle = new Throttle(LIVE_CHART_INTERVAL_MS);
    this.charts.clear();
    this.bar.value = 0;
    this.text.textContent = '';
    delete this.text.dataset.stepEngine;
  }

  /** One line of the progress text (before training: downloads, preparation). */
  note(line: string): void {
    this.text.textContent = line;
  }

  /** Renders one event of the training loop. */
  render(e: TrainEvent): void {
    switch (e.type) {
      case 'train-begin':
        this.stepsPerEpoch = e.stepsPerEpoch;
        this.totalSteps = e.epochs * e.stepsPerEpoch;
        this.text.textContent = `first step running… (${e.samples} images, ${e.stepsPerEpoch} steps per epoch)`;
        return;
      case 'batch-end':
        this.bar.value = (e.epoch * this.stepsPerEpoch + e.batch + 1) / this.totalSteps;
        this.text.textContent = `epoch ${e.epoch + 1}/${e.epochs} · step ${e.batch + 1}/${e.stepsPerEpoch} · loss ${fmt(e.loss)} · acc ${fmt(e.acc)} · ${seconds(e.elapsedMs)}`;
        if (this.chartThrottle.ready()) void this.charts.live(this.history, { epoch: e.epoch, loss: e.loss, acc: e.acc });
        return;
      case 'validation-begin':
        this.text.textContent += ` · validating on ${e.samples} images…`;
        return;
      case 'epoch-end': {
        const l = e.logs;
        this.history.loss.push(l.loss);
        this.history.acc.push(l.acc);
        if (l.val_loss !== undefined) this.history.val_loss.push(l.val_loss);
        if (l.val_acc !== undefined) this.history.val_acc.push(l.val_acc);
        this.text.textContent = `epoch ${e.epoch + 1}/${e.epochs} done in ${seconds(e.elapsedMs)} · loss ${fmt(l.loss)} · acc ${fmt(l.acc)}${l.val_acc !== undefined ? ` · val_loss ${fmt(l.val_loss)} · val_acc ${fmt(l.val_acc)}` : ''}`;
        this.chartThrottle.reset();
        this.chartThrottle.ready();
        void this.charts.live(this.history);
        return;
      }
      case 'train-end':
        if (e.history.loss.length > 0) void this.charts.update(e.history);
        return;
      default:
        return;
    }
  }
}
