/**
 * The Train page's test-set panel for one run, saying which run it shows: test metrics next to
 * the course's, the confusion matrix, and for a binary model the ROC curve and a decision-threshold
 * control with the resulting sensitivity and specificity — plus the note that the pneumonia model
 * is a course exercise, not a diagnostic tool.
 */
import { buildConfusionMatrixSpec, buildRocSpec, rocCurve } from '@nnlab/metrics';
import { isBinaryEvaluation } from '@nnlab/experiments';
import type { CourseSettings } from '@nnlab/models';
import type { RunSummary } from '../storage/saved-models';
import { thresholdMetrics } from '../training/threshold-metrics';
import type { GalleryOpener } from '../explain/confusion-gallery';
import { altRow, altTable } from '../ui/alt-table';
import { h } from '../ui/dom';
import { metricsView } from '../ui/metrics-view';
import { VegaChart } from '../ui/vega-chart';
import { fmt } from '../util/format';

export class TestSetPanel {
  readonly el: HTMLElement;
  private readonly caption = h('p', { class: 'muted', 'data-testid': 'test-set-run' }, 'no run yet');
  private readonly metrics = h('div', { class: 'metrics-slot' });
  private readonly threshold = h('div', { class: 'threshold-slot' });
  private readonly confusion = new VegaChart('confusion-chart');
  private readonly roc = new VegaChart('roc-chart');
  /** The charts' text alternatives (tables with the same numbers). */
  private readonly tables = h('div', { class: 'chart-tables' });
  /** Test images of a clicked confusion-matrix cell, with explanations (src/explain/). */
  private readonly gallery = h('div', { class: 'gallery-slot', 'data-testid': 'confusion-gallery' });
  private classNames: string[] = [];

  constructor() {
    this.el = h(
      'div',
      { class: 'panel' },
      h('h2', {}, 'Test set'),
      this.caption,
      h('div', { class: 'results-row' }, this.metrics, this.confusion.el, this.roc.el),
      this.tables,
      this.threshold,
      this.gallery,
    );
  }

  /** Empties the panel, saying why. */
  clear(why: string): void {
    this.caption.textContent = why;
    this.metrics.replaceChildren();
    this.threshold.replaceChildren();
    this.tables.replaceChildren();
    this.confusion.clear();
    this.roc.clear();
    this.gallery.replaceChildren();
  }

  /** Lets a click on a confusion-matrix cell open the gallery of its test images. */
  setGallery(open: GalleryOpener): void {
    this.gallery.replaceChildren(h('p', { class: 'muted' }, 'click a confusion-matrix cell to see its test images and what the model looked at'));
    this.confusion.onDatumClick((d) => {
      const t = this.classNames.indexOf(String(d.actual));
      const p = this.classNames.indexOf(String(d.predicted));
      if (t < 0 || p < 0) return;
      this.gallery.replaceChildren(h('p', { class: 'muted' }, 'explaining…'));
      open(t, p, this.classNames).then(
        (el) => this.gallery.replaceChildren(el),
        (err) => this.gallery.replaceChildren(h('p', { class: 'error' }, `gallery failed: ${err instanceof Error ? err.message : String(err)}`)),
      );
    });
  }

  /** Names the run shown (once the session gave it its label). */
  setRunLabel(label: string): void {
    this.caption.textContent = `${label}: ${this.caption.dataset.detail ?? ''}`;
  }

  /** Shows a run's test results. */
  async show(run: RunSummary, course: CourseSettings): Promise<void> {
    const r = run.record;
    const test = r.test;
    const classNames = r.config.classNames ?? test?.confusionMatrix.map((_, i) => String(i)) ?? [];
    this.classNames = classNames;
    this.gallery.replaceChildren();
    // MNIST's digits (not PneumoniaMNIST, whose name also says "mnist"): the course used all 60,000.
    const limited = r.config.data.trainCount < 60000 && r.config.data.name.toLowerCase() === 'mnist';
    this.caption.dataset.detail = `run ${r.id}, ${r.history.loss.length} epoch(s) on ${r.config.data.trainCount} training images${limited ? ' (a training-set limit: the course trained on all 60,000, so compare its accuracy with care)' : ''}`;
    this.caption.textContent = this.caption.dataset.detail;
    this.threshold.replaceChildren();
    this.tables.replaceChildren();
    if (!test) {
      this.metrics.replaceChildren(h('p', { class: 'muted' }, 'this run has no test metrics'));
      return;
    }
    this.metrics.replaceChildren(metricsView(test, classNames, course, r.config.data.testCount));
    this.tables.append(confusionTable(test.confusionMatrix, classNames));
    const renders = [
      this.confusion.render(
        buildConfusionMatrixSpec(test.confusionMatrix, {
          labels: classNames,
          title: `Confusion matrix (${r.config.data.testCount} test images)`,
          width: 240,
          height: 240,
        }),
      ),
    ];
    if (isBinaryEvaluation(test) && run.testScores) {
      const { labels, scores } = run.testScores;
      if (Number.isFinite(test.auc)) {
        renders.push(this.roc.render(buildRocSpec(rocCurve(labels, scores), { auc: test.auc, size: 220 })));
        this.tables.append(rocTable(labels, scores, test.auc, classNames));
      }
      this.threshold.replaceChildren(thresholdControl(labels, scores, classNames));
    } else this.roc.clear();
    await Promise.all(renders);
  }
}

/** The confusion matrix as a table: a row per true class, a column per predicted class. */
function confusionTable(matrix: number[][], classNames: string[]): HTMLElement {
  const name = (i: number) => classNames[i] ?? String(i);
  return altTable(
    'confusion-table',
    'the confusion matrix as a table',
    ['true \\ predicted', ...matrix.map((_, j) => name(j))],
    h('tbody', {}, ...matrix.map((row, i) => altRow([name(i), ...row]))),
  );
}

/** Thresholds of the ROC table. */
const ROC_TABLE_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** The ROC curve as a table: sensitivity and specificity at nine decision thresholds. */
function rocTable(labels: number[], scores: number[], auc: number, classNames: string[]): HTMLElement {
  const positive = classNames[1] ?? 'positive';
  return altTable(
    'roc-table',
    `the ROC curve as a table (AUC ${fmt(auc, 4)}, “${positive}” is positive)`,
    ['threshold', 'sensitivity (true-positive rate)', 'specificity', 'false-positive rate'],
    h(
      'tbody',
      {},
      ...ROC_TABLE_THRESHOLDS.map((t) => {
        const m = thresholdMetrics(labels, scores, t);
        return altRow([t.toFixed(2), fmt(m.sensitivity, 3), fmt(m.specificity, 3), fmt(1 - m.specificity, 3)]);
      }),
    ),
  );
}

/** A slider for the decision threshold with sensitivity and specificity on the test set. */
function thresholdControl(labels: number[], scores: number[], classNames: string[]): HTMLElement {
  const positive = classNames[1] ?? 'positive';
  const negative = classNames[0] ?? 'negative';
  const slider = h('input', { type: 'range', min: 0.01, max: 0.99, step: 0.01, value: '0.5', id: 'threshold-input', 'data-testid': 'threshold-input' });
  const out = h('output', { for: 'threshold-input', 'data-testid': 'threshold-result', 'aria-live': 'polite' });
  const update = () => {
    const m = thresholdMetrics(labels, scores, Number(slider.value));
    out.dataset.sensitivity = String(m.sensitivity);
    out.dataset.specificity = String(m.specificity);
    out.textContent =
      `threshold ${m.threshold.toFixed(2)}: sensitivity ${fmt(m.sensitivity, 3)} (${m.truePositives} of ${m.truePositives + m.falseNegatives} ${positive} cases found), ` +
      `specificity ${fmt(m.specificity, 3)} (${m.trueNegatives} of ${m.trueNegatives + m.falsePositives} ${negative} cases cleared)`;
  };
  slider.addEventListener('input', update);
  update();
  return h(
    'div',
    { class: 'threshold' },
    h('label', { for: 'threshold-input' }, `decision threshold (“${positive}” when the predicted probability is at least this)`),
    slider,
    out,
    h(
      'p',
      { class: 'note', 'data-testid': 'course-model-note' },
      'A course model trained on 28×28 thumbnails, not a diagnostic tool: never use it to decide about a patient.',
    ),
  );
}
