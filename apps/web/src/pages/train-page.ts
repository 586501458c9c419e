/**
 * Train page: pick a zoo model, set the course's hyperparameters, train with live loss/accuracy
 * curves and a Stop button, then see the test confusion matrix and metrics. The run itself —
 * data, fit, validation, test evaluation — happens in the training worker; this page renders its
 * events. The trained model joins the session (Use page, export on the Models page).
 */
import { getZooEntry, type ModelId } from '@nnlab/models';
import type { BackendController } from '../backend/backend-controller';
import type { SessionModels } from '../state/session-models';
import { keepModel } from '../storage/persist-session';
import { requestFromSettings } from '../training/experiment-request';
import { TrainWorkerClient, WorkerRunError, modelFromRun, runSummaryOf } from '../training/train-worker-client';
import { SettingsError } from '../training/train-settings';
import { ArchEditor } from '../ui/arch-editor';
import { h } from '../ui/dom';
import { StatusLine } from '../ui/status-line';
import type { TrainForm } from '../ui/train-form';
import { errorMessage } from '../util/errors';
import { fmt } from '../util/format';
import { confusionGallery } from '../explain/confusion-gallery';
import { TestSetPanel } from './test-set-panel';
import { TrainProgressView } from './train-progress';

/** The Train page. */
export class TrainPage {
  readonly el: HTMLElement;
  private readonly trainButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'train-button', disabled: true }, 'Train');
  private readonly stopButton = h('button', { type: 'button', 'data-testid': 'stop-button', disabled: true }, 'Stop');
  private readonly status = new StatusLine('train-status');
  private readonly progress = new TrainProgressView();
  private readonly results = new TestSetPanel();
  private readonly worker = new TrainWorkerClient();
  private readonly arch: ArchEditor;
  private run?: { runId: number; stopClickedAt?: number };
  /** Set when a data file could not be downloaded intact: Train stays off (retrying gets the same file). */
  private dataFailure?: string;

  constructor(
    private readonly form: TrainForm,
    private readonly backend: BackendController,
    private readonly session: SessionModels,
  ) {
    this.trainButton.addEventListener('click', () => void this.start());
    this.stopButton.addEventListener('click', () => this.stop());
    this.arch = new ArchEditor({ dataModel: () => form.zooId() });
    form.el.addEventListener('change', (e) => {
      if ((e.target as HTMLSelectElement).name === 'zooId') this.arch.dataModelChanged();
    });
    this.el = h(
      'section',
      { class: 'page train-page', 'data-page': 'train' },
      h(
        'div',
        { class: 'panel' },
        h('h2', {}, 'Train a course model'),
        form.el,
        h('div', { class: 'actions' }, this.trainButton, this.stopButton, this.status.el),
      ),
      this.arch.el,
      h(
        'div',
        { class: 'panel' },
        h('h2', {}, 'Training'),
        h('div', { class: 'progress-row' }, this.progress.bar, this.progress.text),
        this.progress.charts.el,
      ),
      this.results.el,
    );
    backend.state.subscribe(() => {
      if (!this.run) this.trainButton.disabled = !this.canTrain();
    });
  }

  /** True while a run is in progress. */
  busy(): boolean {
    return !!this.run;
  }

  private canTrain(): boolean {
    return this.backend.state.get().phase === 'ready' && this.dataFailure === undefined;
  }

  private stop(): void {
    if (!this.run) return;
    this.run.stopClickedAt = performance.now();
    this.worker.stop(this.run.runId);
    this.stopButton.disabled = true;
    this.trainButton.focus();
    this.status.set('stopping', 'stopping after this step…');
  }

  private async start(): Promise<void> {
    if (this.run) return;
    let settings;
    try {
      settings = this.form.read();
      this.form.markInvalid();
      const spec = this.arch.specForTraining();
      if (spec) settings = { ...settings, spec };
    } catch (err) {
      if (err instanceof SettingsError) this.form.markInvalid(err.field);
      this.status.set('error', errorMessage(err));
      return;
    }
    const backendName = this.backend.activeName() ?? 'wasm';
    const hadFocus = document.activeElement === this.trainButton;
    this.trainButton.disabled = true;
    this.stopButton.disabled = false;
    // Train disables itself: keep keyboard focus on the run's controls, not <body>.
    if (hadFocus) this.stopButton.focus();
    this.form.setEnabled(false);
    this.arch.setEnabled(false);
    this.progress.reset();
    this.results.clear('the run in progress is evaluated here when it ends');
    delete this.el.dataset.stopLatencyMs;
    delete this.el.dataset.stopAckMs;
    this.status.set('loading', `starting ${backendName} in the training worker…`);
    document.body.dataset.training = 'true';
    let trainedOn = backendName;
    const { runId, done } = this.worker.start(requestFromSettings(settings), backendName, {
      onBackend: (b) => {
        trainedOn = b.name;
        const threads = b.threads !== undefined ? ` (${b.threads} thread${b.threads === 1 ? '' : 's'})` : '';
        if (this.status.state() !== 'stopping')
          this.status.set('loading', `${b.name}${threads} ready in the training worker${b.fallback ? ` — ${b.fallback}` : ''}; loading data…`);
      },
      onStatus: (line) => {
        if (this.status.state() !== 'stopping') this.status.set(line.startsWith('training') ? 'training' : 'loading', line);
        this.progress.note(line);
      },
      onEvent: (e) => this.progress.render(e),
      onStopAck: () => {
        const clicked = this.run?.stopClickedAt;
        if (clicked !== undefined) this.el.dataset.stopAckMs = String(Math.round(performance.now() - clicked));
      },
      onLoopEnded: (stopped) => {
        const clicked = this.run?.stopClickedAt;
        if (stopped && clicked !== undefined) this.el.dataset.stopLatencyMs = String(Math.round(performance.now() - clicked));
        this.status.set(stopped ? 'stopping' : 'training', `${stopped ? 'stopped' : 'training done'} — evaluating on the test set…`);
      },
    });
    this.run = { runId };
    try {
      const result = await done;
      // A run of the architecture editor's spec uses the data (and so the session entry) of the form's model.
      const zooId = (result.zooId ?? (settings.spec ? settings.zooId : undefined)) as ModelId | undefined;
      if (!zooId) throw new Error('the trained architecture is not a zoo model: the session cannot use it yet');
      const model = await modelFromRun(result);
      const run = runSummaryOf(result);
      const timing = result.record.timing;
      const engine =
        result.stepEngine === 'fused-dense' ? 'fused dense trainer' : result.stepEngine === 'tfjs' ? 'tfjs kernels' : `${result.stepEngine} engine`;
      const threads = result.backend.threads ? ` (${result.backend.threads} threads)` : '';
      this.progress.note(
        `${result.record.history.loss.length} epoch(s) in ${(timing.trainSeconds ?? 0).toFixed(1)} s · ${Math.round(timing.samplesPerSecond ?? 0)} samples/s on ${result.backend.name}${threads} in the training worker (${engine})${result.stopped ? ' · stopped early' : ''}`,
      );
      this.progress.text.dataset.stepEngine = result.stepEngine;
      await this.results.show(run, getZooEntry(zooId).course);
      const epochs = result.record.history.loss.length;
      const test = result.record.test;
      const m = this.session.add({
        zooId,
        entry: getZooEntry(zooId),
        source: 'trained',
        detail: `trained here on ${trainedOn}: ${epochs} epoch(s), ${result.counts.train} images${result.stopped ? ' (stopped early)' : ''}`,
        model,
        pipeline: result.pipeline,
        testAccuracy: test?.accuracy,
        run,
      });
      this.results.setRunLabel(m.label);
      this.results.setGallery(confusionGallery(this.session.get(m.key) ?? m, result.record.config.data.testCount));
      const kept = await keepModel(this.session, this.session.get(m.key) ?? m, result.files).then(
        () => 'kept in this browser',
        (err) => `not kept in this browser (${errorMessage(err)})`,
      );
      this.status.set(
        result.stopped ? 'stopped' : 'done',
        `${result.stopped ? 'stopped early' : 'done'}: ${m.label}, test accuracy ${fmt(test?.accuracy)}, ${kept} — try it on the Use tab, export it on the Models tab`,
      );
    } catch (err) {
      const kind = err instanceof WorkerRunError ? err.kind : 'other';
      if (kind === 'aborted') this.status.set('stopped', 'stopped before training began');
      else if (kind === 'data') {
        this.dataFailure = errorMessage(err);
        this.status.set('error', `data download failed: ${this.dataFailure} — Train is off until the page is reloaded`);
      } else {
        this.status.set('error', `training failed: ${errorMessage(err)}`);
        console.warn('nnlab: training failed', err);
      }
    } finally {
      this.run = undefined;
      const stopHadFocus = document.activeElement === this.stopButton;
      this.stopButton.disabled = true;
      this.trainButton.disabled = !this.canTrain();
      if (stopHadFocus) this.trainButton.focus();
      this.form.setEnabled(true);
      this.arch.setEnabled(true);
      delete document.body.dataset.training;
    }
  }
}
