/**
 * Test metrics of a run: accuracy and loss next to the course's result, and per-class
 * precision/recall/F1 (multiclass) or precision, recall, specificity, F1 and AUC (binary).
 */
import { type CourseSettings } from '@nnlab/models';
import { isBinaryEvaluation, type BinaryEvaluation, type MulticlassEvaluation } from '@nnlab/experiments';
import { fmt } from '../util/format';
import { h } from './dom';

/** The metrics block; `data-accuracy` carries the exact value for tests and scripts. */
export function metricsView(
  metrics: MulticlassEvaluation | BinaryEvaluation,
  classNames: readonly string[],
  course: CourseSettings,
  testCount: number,
): HTMLElement {
  const headline = h(
    'dl',
    { class: 'metric-list' },
    h('dt', {}, 'test accuracy'),
    h('dd', { 'data-testid': 'test-accuracy' }, fmt(metrics.accuracy), h('span', { class: 'muted' }, ` (course: ${fmt(course.reportedAccuracy, 3)})`)),
    h('dt', {}, 'test loss'),
    h('dd', {}, fmt(metrics.loss)),
    h('dt', {}, 'test images'),
    h('dd', {}, String(testCount)),
  );
  const el = h('div', { class: 'metrics', 'data-testid': 'test-metrics', 'data-accuracy': String(metrics.accuracy) }, h('h3', {}, 'Test metrics'), headline);
  if (isBinaryEvaluation(metrics)) {
    headline.append(
      h('dt', {}, 'F1 (pneumonia)'),
      h('dd', {}, fmt(metrics.f1), course.reportedF1 !== undefined ? h('span', { class: 'muted' }, ` (course: ${fmt(course.reportedF1, 2)})`) : null),
      h('dt', {}, 'precision / recall'),
      h('dd', {}, `${fmt(metrics.precision)} / ${fmt(metrics.recall)}`),
      h('dt', {}, 'specificity'),
      h('dd', {}, fmt(metrics.specificity)),
      h('dt', {}, 'AUC'),
      h('dd', {}, fmt(metrics.auc)),
    );
    return el;
  }
  headline.append(h('dt', {}, 'macro F1'), h('dd', {}, fmt(metrics.macroF1)));
  const rows = (metrics.perClass ?? []).map((c, i) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, classNames[i] ?? String(i)),
      h('td', {}, fmt(c.precision, 3)),
      h('td', {}, fmt(c.recall, 3)),
      h('td', { class: 'f1' }, fmt(c.f1, 3)),
      h('td', {}, String(c.support)),
    ),
  );
  el.append(
    h(
      'table',
      { class: 'per-class', 'data-testid': 'per-class-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'class'), h('th', {}, 'precision'), h('th', {}, 'recall'), h('th', {}, 'F1'), h('th', {}, 'support'))),
      h('tbody', {}, rows),
    ),
  );
  return el;
}
