/**
 * Train page: pick a zoo model, set the course's hyperparameters, train in the browser with live
 * loss/accuracy curves and a Stop button, then see the test confusion matrix and metrics. The
 * trained model joins the session (Use page, export on the Models page).
 */
import type { History, TrainEvent } from '@nnlab/core';
import { buildConfusionMatrixSpec, buildRocSpec, rocCurve } from '@nnlab/metrics';
import { isBinaryEvaluation } from '@nnlab/experiments';
import { ChecksumError } from '@nnlab/datasets';
import type { BackendController } from '../backend/backend-controller';
import { FetchError } from '../data/fetch-bytes';
import type { SessionModels } from '../state/session-models';
import { trainRun, type TrainRunResult } from '../training/train-run';
import { explainTrainingError } from '../training/explain-training-error';
import { SettingsError } from '../training/train-settings';
import { h } from '../ui/dom';
import { HistoryCharts } from '../ui/history-charts';
import { metricsView } from '../ui/metrics-view';
import { StatusLine } from '../ui/status-line';
import type { TrainForm } from '../ui/train-form';
import { VegaChart } from '../ui/vega-chart';
import { errorMessage } from '../util/errors';
import { fmt, seconds } from '../util/format';
import { Throttle, yieldToBrowser } from '../util/throttle';

/** Chart updates within an epoch: at most this often. */
export const LIVE_CHART_INTERVAL_MS = 500;
/** Progress text updates and yields to the browser: at most this often. */
export const PROGRESS_INTERVAL_MS = 100;

/** The Train page. */
export class TrainPage {
  readonly el: HTMLElement;
  private readonly trainButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'train-button', disabled: true }, 'Train');
  private readonly stopButton = h('button', { type: 'button', 'data-testid': 'stop-button', disabled: true }, 'Stop');
  private readonly status = new StatusLine('train-status');
  private readonly progress = h('progress', { class: 'train-progress', max: 1, value: 0 });
  private readonly progressText = h('span', { class: 'progress-text', 'data-testid': 'train-progress' }, 'no run yet: loss and accuracy curves appear here while training');
  private readonly charts = new HistoryCharts();
  private readonly confusion = new VegaChart('confusion-chart');
  private readonly roc = new VegaChart('roc-chart');
  private readonly metrics = h('div', { class: 'metrics-slot' });
  private abort?: AbortController;
  /** Set when a data file could not be downloaded intact: Train stays off (retrying gets the same file). */
  private dataFailure?: string;

  constructor(
    private readonly form: TrainForm,
    private readonly backend: BackendController,
    private readonly session: SessionModels,
  ) {
    this.trainButton.addEventListener('click', () => void this.start());
    this.stopButton.addEventListener('click', () => this.stop());
    this.el = h(
      'section',
      { class: 'page train-page', 'data-page': 'train' },
      h('div', { class: 'panel' }, h('h2', {}, 'Train a course model'), form.el, h('div', { class: 'actions' }, this.trainButton, this.stopButton, this.status.el)),
      h('div', { class: 'panel' }, h('h2', {}, 'Training'), h('div', { class: 'progress-row' }, this.progress, this.progressText), this.charts.el),
      h('div', { class: 'panel' }, h('h2', {}, 'Test set'), h('div', { class: 'results-row' }, this.metrics, this.confusion.el, this.roc.el)),
    );
    backend.state.subscribe(() => {
      if (!this.abort) this.trainButton.disabled = !this.canTrain();
    });
  }

  /** True while a run is in progress. */
  busy(): boolean {
    return !!this.abort;
  }

  private canTrain(): boolean {
    return this.backend.state.get().phase === 'ready' && this.dataFailure === undefined;
  }

  private stop(): void {
    this.abort?.abort();
    this.stopButton.disabled = true;
    this.status.set('stopping', 'stopping after this step…');
  }

  private async start(): Promise<void> {
    if (this.abort) return;
    let settings;
    try {
      settings = this.form.read();
      this.form.markInvalid();
    } catch (err) {
      if (err instanceof SettingsError) this.form.markInvalid(err.field);
      this.status.set('error', errorMessage(err));
      return;
    }
    const backendName = this.backend.activeName() ?? '?';
    this.abort = new AbortController();
    this.trainButton.disabled = true;
    this.stopButton.disabled = false;
    this.form.setEnabled(false);
    this.charts.clear();
    this.confusion.clear();
    this.roc.clear();
    this.metrics.replaceChildren();
    this.progress.value = 0;
    this.progressText.textContent = '';
    delete this.progressText.dataset.stepEngine;
    this.status.set('loading', 'loading data…');
    document.body.dataset.training = 'true';
    const run = this.abort;
    try {
      const result = await trainRun(settings, {
        signal: this.abort.signal,
        // Lines arriving after the run ended (a download still reporting) never replace its outcome.
        onStatus: (line) => {
          if (this.abort === run) this.status.set(this.status.state() === 'stopping' ? 'stopping' : 'loading', line);
        },
        onEvent: this.progressHandler(),
      });
      await this.showResults(result);
      const m = this.session.add({
        zooId: result.entry.id,
        entry: result.entry,
        source: 'trained',
        detail: `trained here on ${backendName}: ${result.history.loss.length} epoch(s), ${result.counts.train} images${result.stopped ? ' (stopped early)' : ''}`,
        model: result.model,
        pipeline: result.pipeline,
        testAccuracy: result.metrics.accuracy,
      });
      const how = result.stopped ? 'stopped' : 'done';
      this.status.set(how, `${result.stopped ? 'stopped early' : 'done'}: ${m.label}, test accuracy ${fmt(result.metrics.accuracy)} — try it on the Use tab, export it on the Models tab`);
    } catch (err) {
      if (this.abort.signal.aborted) this.status.set('stopped', 'stopped before training began');
      else if (err instanceof FetchError || err instanceof ChecksumError) {
        this.dataFailure = errorMessage(err);
        this.status.set('error', `data download failed: ${this.dataFailure} — Train is off until the page is reloaded`);
      } else {
        this.status.set('error', `training failed: ${explainTrainingError(err, this.backend.activeName())}`);
        console.warn('nnlab: training failed', err);
      }
    } finally {
      this.abort = undefined;
      this.stopButton.disabled = true;
      this.trainButton.disabled = !this.canTrain();
      this.form.setEnabled(true);
      delete document.body.dataset.training;
    }
  }

  /** Renders the loop's events: progress, throttled live curves, yields so the page stays live. */
  private progressHandler(): (e: TrainEvent) => Promise<void> | void {
    const history: History = { loss: [], acc: [], val_loss: [], val_acc: [] };
    const chartThrottle = new Throttle(LIVE_CHART_INTERVAL_MS);
    const progressThrottle = new Throttle(PROGRESS_INTERVAL_MS);
    let totalSteps = 1;
    let stepsPerEpoch = 1;
    return async (e) => {
      switch (e.type) {
        case 'train-begin':
          stepsPerEpoch = e.stepsPerEpoch;
          totalSteps = e.epochs * e.stepsPerEpoch;
          if (this.status.state() !== 'stopping') {
            this.status.set('training', `training: ${e.samples} images, ${e.validationSamples} for validation, ${e.stepsPerEpoch} steps per epoch`);
          }
          return;
        case 'batch-end': {
          if (!progressThrottle.ready() && e.batch !== e.stepsPerEpoch - 1) return;
          this.progress.value = (e.epoch * stepsPerEpoch + e.batch + 1) / totalSteps;
          this.progressText.textContent = `epoch ${e.epoch + 1}/${e.epochs} · step ${e.batch + 1}/${e.stepsPerEpoch} · loss ${fmt(e.loss)} · acc ${fmt(e.acc)} · ${seconds(e.elapsedMs)}`;
          if (chartThrottle.ready()) void this.charts.update(history, { epoch: e.epoch, loss: e.loss, acc: e.acc });
          await yieldToBrowser();
          return;
        }
        case 'validation-begin':
          this.progressText.textContent += ` · validating on ${e.samples} images…`;
          await yieldToBrowser();
          return;
        case 'epoch-end': {
          const l = e.logs;
          history.loss.push(l.loss);
          history.acc.push(l.acc);
          if (l.val_loss !== undefined) history.val_loss.push(l.val_loss);
          if (l.val_acc !== undefined) history.val_acc.push(l.val_acc);
          this.progressText.textContent = `epoch ${e.epoch + 1}/${e.epochs} done in ${seconds(e.elapsedMs)} · loss ${fmt(l.loss)} · acc ${fmt(l.acc)}${l.val_acc !== undefined ? ` · val_loss ${fmt(l.val_loss)} · val_acc ${fmt(l.val_acc)}` : ''}`;
          chartThrottle.reset();
          void this.charts.update(history);
          chartThrottle.ready();
          await yieldToBrowser();
          return;
        }
        case 'train-end':
          if (e.history.loss.length > 0) await this.charts.update(e.history);
          return;
      }
    };
  }

  private async showResults(r: TrainRunResult): Promise<void> {
    const engine = r.stepEngine === 'fused-dense' ? 'fused dense trainer' : 'tfjs kernels';
    this.progressText.textContent = `${r.history.loss.length} epoch(s) in ${r.trainSeconds.toFixed(1)} s · ${Math.round(r.samplesPerSecond)} samples/s (${engine})${r.stopped ? ' · stopped early' : ''}`;
    this.progressText.dataset.stepEngine = r.stepEngine;
    this.metrics.replaceChildren(metricsView(r.metrics, r.classNames, r.entry.course, r.counts.test));
    const renders = [this.confusion.render(buildConfusionMatrixSpec(r.metrics.confusionMatrix, { labels: r.classNames, title: `Confusion matrix (${r.counts.test} test images)`, width: 280, height: 280 }))];
    if (isBinaryEvaluation(r.metrics) && Number.isFinite(r.metrics.auc)) {
      const roc = rocCurve(r.evaluation.labels, r.evaluation.predictions);
      renders.push(this.roc.render(buildRocSpec(roc, { auc: r.metrics.auc, size: 240 })));
    }
    await Promise.all(renders);
  }
}
