/**
 * "Architectures tried", one table per experiment, built from every recorded run of the runs
 * folder (train, sweep, reproduce, the search): architecture, parameters, epochs and settings,
 * validation and test accuracy, and the run the report keeps — the table the students wrote by hand.
 */
import { isBinaryEvaluation, type RunRecord } from '@nnlab/experiments';
import { getZooEntry } from '@nnlab/models';
import { archText } from '../output/arch-diff';
import type { DocumentBuilder } from './document';
import type { ExperimentId } from './experiments';
import { experimentOf } from './run-selection';

/** Rows shown per experiment (best validation accuracy first). */
export const MAX_TRIED_ROWS = 25;

const f4 = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(4));

/** Final validation accuracy of a run (its validation evaluation, else the last epoch's). */
export function validationAccuracy(r: RunRecord): number | undefined {
  return r.validation?.accuracy ?? r.history.val_acc.at(-1);
}

function origin(r: RunRecord): string {
  const t = r.tags ?? {};
  if (t.search) return 'search';
  if (t.reproduce) return `reproduce${t.reproduce === 'quick' ? ' --quick' : ''}`;
  if (t.sweep) return 'sweep';
  return 'train';
}

/** Appends the section. `all` are every run of the folder; `kept` the runs the report shows. */
export function architecturesSection(b: DocumentBuilder, all: readonly RunRecord[], kept: Partial<Record<ExperimentId, RunRecord>>): void {
  b.heading(2, 'Architectures tried');
  b.p(
    'Every complete run recorded in the runs folder, by experiment, best validation accuracy first. Validation accuracy is on the held-out part of the training data (Keras validation_split, or the data set\'s own validation split); test accuracy on the test split, which no choice here looked at. "kept" marks the run this report describes.',
  );
  for (const id of ['mlp-raw', 'mlp-hog', 'cnn-mnist', 'cnn-pneumonia'] as const) {
    const runs = all.filter((r) => r.status === 'complete' && r.test && experimentOf(r) === id);
    if (runs.length === 0) continue;
    runs.sort((a, c) => (validationAccuracy(c) ?? -1) - (validationAccuracy(a) ?? -1) || c.test!.accuracy - a.test!.accuracy);
    const binary = runs.some((r) => r.test && isBinaryEvaluation(r.test));
    b.heading(3, `${getZooEntry(id).title} — ${runs.length} run${runs.length === 1 ? '' : 's'}`);
    const shown = runs.slice(0, MAX_TRIED_ROWS);
    const keptId = kept[id]?.id;
    const keptRun = runs.find((r) => r.id === keptId);
    if (keptRun && !shown.includes(keptRun)) shown.push(keptRun);
    b.table(
      ['architecture', 'params', 'epochs', 'batch', 'optimizer', 'data', 'val acc', 'test acc', ...(binary ? ['test F1'] : []), 'from', 'run', 'kept'],
      shown.map((r) => [
        `\`${archText(r)}\``,
        r.summary.totalParams.toLocaleString('en-US'),
        r.history.loss.length,
        r.config.batchSize,
        `${r.config.optimizer.name} lr ${r.config.optimizer.learningRate}`,
        `${r.config.data.trainCount.toLocaleString('en-US')} train`,
        f4(validationAccuracy(r)),
        f4(r.test!.accuracy),
        ...(binary ? [r.test && isBinaryEvaluation(r.test) ? f4(r.test.f1) : '–'] : []),
        origin(r),
        `\`${r.id}\``,
        r.id === keptId ? '✓' : '',
      ]),
    );
    if (runs.length > shown.length) b.p(`(${runs.length - shown.length} more runs not shown.)`);
  }
}
