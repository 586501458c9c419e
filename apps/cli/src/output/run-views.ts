/** Text views of run records: the list table, one run in detail, several side by side. */
import type { ListedRun } from '@nnlab/experiments/node';
import { engineLabel, engineShort, isBinaryEvaluation, type RunRecord } from '@nnlab/experiments';
import { archDiff, formatArchDiff } from './arch-diff';
import { formatTable } from './table';

const f4 = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(4));
const f1 = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));

/** The table of `nnlab runs list`. */
export function formatRunList(runs: ListedRun[]): string {
  if (runs.length === 0) return '(no runs yet: `nnlab train <model>` records one)';
  return formatTable(
    ['id', 'model', 'state', 'epochs', 'engine', 'val_acc', 'test_acc', 'f1', 'auc', 'train_s'],
    runs.map(({ record: r, state }) => {
      const t = r.test;
      return [
        r.id,
        r.config.model,
        state,
        `${r.history.loss.length}/${r.config.epochs}`,
        engineShort(r.engine, r.config.backend),
        f4(r.history.val_acc.at(-1)),
        f4(t?.accuracy),
        t && isBinaryEvaluation(t) ? f4(t.f1) : '-',
        t && isBinaryEvaluation(t) ? f4(t.auc) : '-',
        f1(r.timing.trainSeconds),
      ];
    }),
  );
}

function matrixText(m: number[][], labels?: string[]): string {
  const names = labels ?? m.map((_, i) => String(i));
  return formatTable(
    ['true\\pred', ...names],
    m.map((row, i) => [names[i], ...row]),
  );
}

/** `nnlab runs show <id>`. */
export function formatRun(run: ListedRun): string {
  const r = run.record;
  const c = r.config;
  const out: string[] = [];
  out.push(`run ${r.id}  (${run.state})`);
  out.push(`folder: ${run.dir}`);
  out.push(`model: ${c.model}  args ${JSON.stringify(c.args)}  params ${r.summary.totalParams.toLocaleString('en-US')}`);
  out.push(
    `training: ${c.epochs} epochs, batch ${c.batchSize}, ${c.optimizer.name} ${JSON.stringify(c.optimizer)}, loss ${c.loss}, seed ${c.seed}, backend ${c.backend}`,
  );
  if (c.classWeights) out.push(`class weights: [${c.classWeights.map((w) => w.toFixed(4)).join(', ')}]`);
  out.push(`data: ${c.data.name}: ${c.data.trainCount} train / ${c.data.validationCount} validation / ${c.data.testCount} test`);
  for (const f of c.data.files) out.push(`  ${f.name}  sha256 ${f.sha256.slice(0, 16)}…  (${f.origin})`);
  out.push(`created ${r.createdAt}${r.finishedAt ? `, finished ${r.finishedAt}` : ''}`);
  if (r.error) out.push(`error: ${r.error}`);
  out.push('');
  if (r.history.loss.length) {
    out.push(
      formatTable(
        ['epoch', 'loss', 'acc', 'val_loss', 'val_acc'],
        r.history.loss.map((l, i) => [i + 1, f4(l), f4(r.history.acc[i]), f4(r.history.val_loss[i]), f4(r.history.val_acc[i])]),
      ),
    );
    out.push('');
  }
  const t = r.test;
  if (t) {
    out.push(
      `test: loss ${f4(t.loss)}, accuracy ${f4(t.accuracy)}${isBinaryEvaluation(t) ? `, precision ${f4(t.precision)}, recall ${f4(t.recall)}, specificity ${f4(t.specificity)}, F1 ${f4(t.f1)}, AUC ${f4(t.auc)}` : t.macroF1 !== undefined ? `, macro F1 ${f4(t.macroF1)}` : ''}`,
    );
    out.push('confusion matrix (rows = true class):');
    out.push(matrixText(t.confusionMatrix, isBinaryEvaluation(t) ? ['NORMAL', 'PNEUMONIA'] : undefined));
  }
  if (r.timing.trainSeconds !== undefined)
    out.push(
      `\ntiming: train ${f1(r.timing.trainSeconds)} s (${Math.round(r.timing.samplesPerSecond ?? 0)} samples/s, ${engineLabel(r.engine, r.config.backend)}), eval ${f1(r.timing.evalSeconds)} s, total ${f1(r.timing.totalSeconds)} s`,
    );
  return out.join('\n');
}

interface Column {
  name: string;
  value: (r: RunRecord) => number | string | undefined;
  best?: 'max' | 'min';
}

const COMPARE_COLUMNS: Column[] = [
  { name: 'model', value: (r) => r.config.model },
  { name: 'dataset', value: (r) => r.config.dataset ?? r.config.data.name },
  { name: 'epochs', value: (r) => r.history.loss.length },
  { name: 'batch', value: (r) => r.config.batchSize },
  { name: 'optimizer', value: (r) => `${r.config.optimizer.name}@${r.config.optimizer.learningRate}` },
  { name: 'hidden', value: (r) => (r.config.args.hidden ? r.config.args.hidden.join('x') : 'default') },
  { name: 'seed', value: (r) => r.config.seed },
  { name: 'params', value: (r) => r.summary.totalParams },
  { name: 'val_acc', value: (r) => r.history.val_acc.at(-1), best: 'max' },
  { name: 'test_loss', value: (r) => r.test?.loss, best: 'min' },
  { name: 'test_acc', value: (r) => r.test?.accuracy, best: 'max' },
  { name: 'f1', value: (r) => (r.test && isBinaryEvaluation(r.test) ? r.test.f1 : r.test?.macroF1), best: 'max' },
  { name: 'auc', value: (r) => (r.test && isBinaryEvaluation(r.test) ? r.test.auc : undefined), best: 'max' },
  { name: 'engine', value: (r) => engineShort(r.engine, r.config.backend) },
  { name: 'train_s', value: (r) => r.timing.trainSeconds, best: 'min' },
];

/** Rows of `nnlab runs compare` as data: each cell's value and whether it is the best of its column; the architectures layer by layer. */
export function compareRuns(records: RunRecord[]): {
  columns: string[];
  rows: { id: string; cells: Record<string, { value: number | string | null; best: boolean }> }[];
  architectures: ReturnType<typeof archDiff>;
} {
  const bests: Record<string, number | undefined> = {};
  for (const col of COMPARE_COLUMNS) {
    if (!col.best) continue;
    const vals = records.map(col.value).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
    if (vals.length > 1) bests[col.name] = col.best === 'max' ? Math.max(...vals) : Math.min(...vals);
  }
  return {
    architectures: archDiff(records),
    columns: COMPARE_COLUMNS.map((c) => c.name),
    rows: records.map((r) => ({
      id: r.id,
      cells: Object.fromEntries(
        COMPARE_COLUMNS.map((c) => {
          const v = c.value(r);
          return [c.name, { value: v ?? null, best: typeof v === 'number' && bests[c.name] === v }];
        }),
      ),
    })),
  };
}

/** `nnlab runs compare` as text; the best value of each metric column carries a `*`. */
export function formatCompare(records: RunRecord[]): string {
  const cmp = compareRuns(records);
  const show = (v: number | string | null, name: string) => {
    if (v === null) return '-';
    if (typeof v === 'number' && ['val_acc', 'test_loss', 'test_acc', 'f1', 'auc'].includes(name)) return v.toFixed(4);
    if (typeof v === 'number' && name === 'train_s') return v.toFixed(1);
    return String(v);
  };
  return (
    formatTable(
      ['run', ...cmp.columns],
      cmp.rows.map((row, i) => [`#${i + 1} ${row.id}`, ...cmp.columns.map((c) => `${show(row.cells[c].value, c)}${row.cells[c].best ? '*' : ''}`)]),
    ) +
    '\n(* = best in column)\n\n' +
    formatArchDiff(records)
  );
}
