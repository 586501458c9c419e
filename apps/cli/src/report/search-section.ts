/**
 * "How close to the course figures": for each experiment, the point of the recorded search
 * (training/search.ts) with the best validation accuracy — chosen on validation, never on test —
 * its settings, its validation and test figures, and the course's, with the gap said plainly
 * whether or not it reaches them.
 */
import { isBinaryEvaluation, type RunRecord } from '@nnlab/experiments';
import { getZooEntry } from '@nnlab/models';
import { archText } from '../output/arch-diff';
import { validationAccuracy } from './architectures-section';
import type { DocumentBuilder } from './document';
import { experimentOf } from './run-selection';

const f4 = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(4));
const gap = (v: number | undefined, course: number) =>
  v === undefined ? '–' : `${v >= course ? 'reaches' : 'below'} (${v - course >= 0 ? '+' : ''}${(v - course).toFixed(4)})`;

/** Appends the section for the search `searchId` among `all` runs. */
export function searchSection(b: DocumentBuilder, all: readonly RunRecord[], searchId: string): void {
  const runs = all.filter((r) => r.tags?.search === searchId && r.status === 'complete' && r.test);
  b.heading(2, 'How close to the course figures');
  if (runs.length === 0) {
    b.p(`The search \`${searchId}\` recorded no complete run.`);
    return;
  }
  const limited = runs.some((r) => r.config.data.options?.limit !== undefined);
  b.p(
    `From the recorded search \`${searchId}\` (${runs.length} runs over epochs, batch size, learning rate and architectures; \`nnlab reproduce --search\`). For each experiment the point with the best **validation** accuracy is kept; its **test** figures are then read once. The course's figures do not say their split, so both are compared.${limited ? ' **Smoke search**: these runs trained on a limited number of images (`--limit`), so the figures are far below what the full search reaches.' : ''}`,
  );
  const rows: (string | number)[][] = [];
  for (const id of ['mlp-raw', 'mlp-hog', 'cnn-mnist', 'cnn-pneumonia'] as const) {
    const mine = runs.filter((r) => experimentOf(r) === id);
    if (mine.length === 0) continue;
    const best = mine.reduce((a, c) => ((validationAccuracy(c) ?? -1) > (validationAccuracy(a) ?? -1) ? c : a));
    const course = getZooEntry(id).course;
    const t = best.test!;
    const f1 = isBinaryEvaluation(t) ? t.f1 : undefined;
    rows.push([
      id,
      `\`${archText(best)}\``,
      `${best.history.loss.length} epochs, batch ${best.config.batchSize}, ${best.config.optimizer.name} lr ${best.config.optimizer.learningRate}`,
      f4(validationAccuracy(best)),
      f4(t.accuracy),
      course.reportedF1 !== undefined ? `${course.reportedAccuracy} (F1 ${course.reportedF1})` : String(course.reportedAccuracy),
      gap(validationAccuracy(best), course.reportedAccuracy),
      `${gap(t.accuracy, course.reportedAccuracy)}${f1 !== undefined && course.reportedF1 !== undefined ? `; F1 ${f4(f1)} ${gap(f1, course.reportedF1)}` : ''}`,
      `${mine.length}`,
      `\`${best.id}\``,
    ]);
  }
  b.table(['experiment', 'architecture kept', 'settings', 'val acc', 'test acc', 'course', 'on validation', 'on test', 'points', 'run'], rows);
}
