/**
 * The practical's report, answered from run records: every number below is read from a record
 * (`runs/<id>/run.json`), never typed in. Images shown (misclassified samples, the HOG picture)
 * come from the data files the records name.
 *
 * Q1 optimisers and losses · Q2 the MNIST models (summary, weight arithmetic, test metrics,
 * curves, confusion matrices, most-confused digits) · Q3 parameters MLP vs CNN · Q4 the pneumonia
 * CNN (curves, validation and test confusion matrices, F1/accuracy/AUC, class balance).
 */
import { LOSS_FORMULAS, OPTIMIZER_FORMULAS, type LossName, type OptimizerName } from '@nnlab/core';
import { topConfusions } from '@nnlab/metrics';
import { getZooEntry } from '@nnlab/models';
import { engineLabel, isBinaryEvaluation, type BinaryEvaluation, type RunRecord } from '@nnlab/experiments';
import { archText } from '../output/arch-diff';
import { architecturesSection } from './architectures-section';
import { DocumentBuilder, type Figure, type ReportDocument } from './document';
import { appendExplanation, type ExplainedModelId, type ExplanationSections } from './explain-figures';
import { confusionFigure, historyFigures, hogFigure, imageGridFigure, rocFigure, type Tile } from './figures';
import { experimentOf } from './run-selection';

/** Test images by index, for the misclassified grids (grayscale 0–255). */
export interface TestImageSource {
  image(
    index: number,
  ):
    | { pixels: ArrayLike<number>; height: number; width: number }
    | undefined
    | Promise<{ pixels: ArrayLike<number>; height: number; width: number } | undefined>;
}

/** What the report is built from. */
export interface ReportInput {
  runs: Partial<Record<'mlp-raw' | 'mlp-hog' | 'cnn-mnist' | 'cnn-pneumonia', RunRecord>>;
  /** Why these epoch counts (one line per model), e.g. from a recorded sweep. */
  epochRationale?: Record<string, string>;
  quick: boolean;
  /** The command that wrote the report, e.g. `nnlab reproduce --quick` or `nnlab report`. */
  generatedBy?: string;
  /** The rule that chose `runs` (one sentence, see run-selection.ts). */
  rule?: string;
  /** Every run of the runs folder, for the "Architectures tried" tables. */
  allRuns?: RunRecord[];
  /** Extra sections after Q4 (e.g. the course-figures search). */
  extraSections?: (b: DocumentBuilder) => void;
  mnistTest?: TestImageSource;
  xrayTest?: TestImageSource;
  /** Explanation figures computed from the runs' models (explain-figures.ts). */
  explanations?: ExplanationSections;
  generatedAt?: Date;
}

const f4 = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(4));
const pct = (v: number) => `${(100 * v).toFixed(2)} %`;
const int = (n: number) => n.toLocaleString('en-US');
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const XRAY = ['NORMAL', 'PNEUMONIA'];

function describeOptimizer(r: RunRecord): string {
  const o = r.config.optimizer;
  const params = Object.entries(o)
    .filter(([k]) => k !== 'name')
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  return `${o.name} (${params})`;
}

/** Per-class false positives / negatives from a confusion matrix (rows = true class). */
function errorsPerClass(m: number[][]): { fp: number[]; fn: number[] } {
  const k = m.length;
  const fp = new Array(k).fill(0);
  const fn = new Array(k).fill(0);
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      if (t === p) continue;
      fn[t] += m[t][p];
      fp[p] += m[t][p];
    }
  }
  return { fp, fn };
}

async function misclassifiedTiles(record: RunRecord, source: TestImageSource | undefined, labels: string[], limit = 16): Promise<Tile[]> {
  const mis = record.test?.misclassified ?? [];
  if (!source) return [];
  const tiles: Tile[] = [];
  for (const m of mis.slice(0, limit)) {
    const img = await source.image(m.index);
    if (!img) continue;
    tiles.push({ ...img, caption: `true ${labels[m.label]} → ${labels[m.predicted]}\n#${m.index}, p = ${m.confidence.toFixed(3)}` });
  }
  return tiles;
}

function weightArithmetic(r: RunRecord): string[] {
  return (r.summary.rows ?? [])
    .filter((row) => row.params > 0)
    .map((row) => `\`${row.name}\` (${row.type}): ${row.arithmetic.replace(/×/g, ' × ')} = **${int(row.params)}**`);
}

function summaryTable(b: DocumentBuilder, r: RunRecord): void {
  const rows = r.summary.rows ?? [];
  b.table(
    ['Layer (type)', 'Output shape', 'Param #'],
    rows.map((row) => [`${row.name} (${row.type})`, `(${row.outputShape.map((d) => (d === null ? 'None' : d)).join(', ')})`, int(row.params)]),
    ['left', 'left', 'right'],
  );
  b.p(
    `Total params: **${int(r.summary.totalParams)}** (${r.summary.sizeKB.toFixed(2)} KB of float32), trainable ${int(r.summary.trainableParams)}, non-trainable ${int(r.summary.nonTrainableParams)}.`,
  );
}

/** The architecture this run trained, and whether it is the course's. */
function architectureLine(r: RunRecord, id: string): string {
  const entry = getZooEntry(id);
  const course = archText({ ...r, config: { ...r.config, model: id, spec: entry.spec, args: {} } } as RunRecord);
  const mine = archText(r);
  return `Architecture of this run: \`${mine}\`${mine === course ? ' — the course architecture' : ` — not the course architecture (${entry.description})`}.`;
}

function runLine(r: RunRecord): string {
  const c = r.config;
  const val =
    c.validationSplit > 0
      ? ` (validation = the last ${Math.round(c.validationSplit * 100)} % of the training data, Keras validation_split)`
      : c.data.validationCount > 0
        ? " (validation = the data set's own validation split)"
        : '';
  return `Run \`${r.id}\` (${r.status}): ${r.history.loss.length} epochs, batch ${c.batchSize}, ${describeOptimizer(r)}, loss ${c.loss}, seed ${c.seed}; data ${c.data.name}: ${int(c.data.trainCount)} train / ${int(c.data.validationCount)} validation / ${int(c.data.testCount)} test${val}; trained in ${(r.timing.trainSeconds ?? 0).toFixed(1)} s on ${engineLabel(r.engine, c.backend)}.`;
}

async function mnistSection(b: DocumentBuilder, r: RunRecord, input: ReportInput, figuresAll: Figure[]): Promise<void> {
  const entry = getZooEntry(experimentOf(r) ?? r.config.model);
  b.heading(3, `${entry.title} (\`${entry.id}\`)`);
  b.p(`${architectureLine(r, entry.id)} ${runLine(r)}`);
  if (input.epochRationale?.[entry.id]) b.p(`Epochs: ${input.epochRationale[entry.id]}`);
  summaryTable(b, r);
  b.p('Weight count, layer by layer (kernel + bias):');
  b.list(weightArithmetic(r));
  const t = r.test;
  if (!t) {
    b.p(`This run has no test evaluation (status ${r.status}).`);
    return;
  }
  b.table(
    ['metric', 'value', 'course (Keras)'],
    [
      ['test loss', f4(t.loss), '–'],
      ['test accuracy', f4(t.accuracy), `${entry.course.reportedAccuracy.toFixed(3)} (split not stated)`],
      ['macro F1', f4(t.macroF1), '–'],
      ['validation accuracy (end of training)', f4(r.validation?.accuracy ?? r.history.val_acc.at(-1)), '–'],
    ],
  );
  const figs: Figure[] = [
    ...(await historyFigures(r, entry.id, entry.id)),
    await confusionFigure(t.confusionMatrix, `${entry.id}-confusion`, `${entry.id}: test confusion matrix`, DIGITS),
  ];
  b.figures(figs);
  figuresAll.push(...figs);
  const top = topConfusions(t.confusionMatrix, 5);
  b.p('Digits most often confused (test set, true → predicted):');
  b.table(
    ['true', 'predicted as', 'count', 'share of the true digit'],
    top.map((c) => [c.trueLabel, c.predictedLabel, c.count, pct(c.fractionOfTrue)]),
  );
  const { fp, fn } = errorsPerClass(t.confusionMatrix);
  const mostFn = fn.indexOf(Math.max(...fn));
  const mostFp = fp.indexOf(Math.max(...fp));
  b.p(
    `False negatives (a digit not recognised as itself) are highest for **${mostFn}** (${fn[mostFn]} of ${t.perClass?.[mostFn]?.support ?? '?'}); false positives (another digit predicted as it) are highest for **${mostFp}** (${fp[mostFp]}).`,
  );
  b.table(
    ['digit', ...DIGITS],
    [
      ['false negatives', ...fn],
      ['false positives', ...fp],
      ['recall', ...(t.perClass ?? []).map((c) => c.recall.toFixed(3))],
      ['precision', ...(t.perClass ?? []).map((c) => c.precision.toFixed(3))],
    ],
  );
  const grid = await imageGridFigure(
    await misclassifiedTiles(r, input.mnistTest, DIGITS),
    `${entry.id}-misclassified`,
    `${entry.id}: the most confidently misclassified test digits (true → predicted, probability of the prediction)`,
  );
  if (grid) {
    b.figures([grid]);
    figuresAll.push(grid);
  }
  appendExplanation(b, input.explanations?.[entry.id as ExplainedModelId], figuresAll);
  if (entry.id === 'mlp-hog' && r.config.input?.hog && input.mnistTest) {
    const img = await input.mnistTest.image(0);
    if (img) {
      const fig = await hogFigure(
        Uint8Array.from(img.pixels),
        img.height,
        img.width,
        r.config.input.hog,
        'mlp-hog-hog-picture',
        `Test digit #0 and its HOG picture (${r.config.input.hog.orientations} orientations, ${r.config.input.hog.pixelsPerCell.join('×')}-pixel cells), as skimage's visualize=True draws it`,
      );
      b.figures([fig]);
      figuresAll.push(fig);
      b.p(`HOG parameters: ${JSON.stringify(r.config.input.hog)} → ${r.config.input.sampleSize} features per image.`);
    }
  }
}

async function pneumoniaSection(b: DocumentBuilder, r: RunRecord, input: ReportInput, figuresAll: Figure[]): Promise<void> {
  const entry = getZooEntry(experimentOf(r) ?? r.config.model);
  b.p(`${architectureLine(r, entry.id)} ${runLine(r)}`);
  if (input.epochRationale?.[entry.id]) b.p(`Epochs: ${input.epochRationale[entry.id]}`);
  summaryTable(b, r);
  b.p('Weight count, layer by layer:');
  b.list(weightArithmetic(r));
  if (r.classBalance) {
    b.p('Class balance of each split (from the data the run read):');
    b.table(
      ['split', 'NORMAL', 'PNEUMONIA', 'total', 'share of PNEUMONIA'],
      Object.entries(r.classBalance).map(([split, counts]) => {
        const n = counts.NORMAL ?? 0;
        const p = counts.PNEUMONIA ?? 0;
        return [split, n, p, n + p, pct(p / Math.max(1, n + p))];
      }),
    );
  }
  if (r.config.classWeights) {
    b.p(
      `Class weights total/(2·count) from the training labels: NORMAL ${r.config.classWeights[0].toFixed(4)}, PNEUMONIA ${r.config.classWeights[1].toFixed(4)}; the loss is the weighted mean of the per-sample binary cross-entropies.`,
    );
  }
  const rows: (string | number)[][] = [];
  const evals: [string, BinaryEvaluation | undefined][] = [
    ['validation', r.validation && isBinaryEvaluation(r.validation) ? r.validation : undefined],
    ['test', r.test && isBinaryEvaluation(r.test) ? r.test : undefined],
  ];
  for (const [name, e] of evals) {
    if (!e) continue;
    rows.push([name, f4(e.loss), f4(e.accuracy), f4(e.precision), f4(e.recall), f4(e.specificity), f4(e.f1), f4(e.auc)]);
  }
  if (rows.length) {
    b.table(['split', 'loss', 'accuracy', 'precision', 'recall (sensitivity)', 'specificity', 'F1 (PNEUMONIA +)', 'AUC'], rows);
    b.p(
      `Course (Keras, the Kaggle JPEGs): test accuracy ${entry.course.reportedAccuracy}, F1 ${entry.course.reportedF1}. Threshold 0.5 on the sigmoid output; PNEUMONIA is the positive class.`,
    );
    const v = evals[0][1];
    const t = evals[1][1];
    const share = (split: string) => {
      const c = r.classBalance?.[split];
      return c ? (c.PNEUMONIA ?? 0) / Math.max(1, (c.NORMAL ?? 0) + (c.PNEUMONIA ?? 0)) : undefined;
    };
    const notes: string[] = [];
    if (r.config.data.name === 'pneumoniamnist') {
      notes.push(
        `This run used the embedded PneumoniaMNIST (the same Kermany et al. X-rays, downsampled to 28×28 by MedMNIST and upsampled here to ${r.config.input?.height ?? 128}×${r.config.input?.width ?? 128}), not the full-resolution Kaggle JPEGs of the course, so its figures are not directly comparable with the course's; \`--xray-dir\` runs the same experiment on the Kaggle folders.`,
      );
    }
    if (v && t) {
      const balance =
        t.recall > t.specificity + 0.05
          ? 'the model finds most pneumonia cases at the cost of false alarms on normal images'
          : t.specificity > t.recall + 0.05
            ? 'the model misses more pneumonia cases than it raises false alarms'
            : 'errors are spread evenly over the two classes';
      notes.push(
        `Validation accuracy ${f4(v.accuracy)} against test accuracy ${f4(t.accuracy)}; on test, recall ${f4(t.recall)} against specificity ${f4(t.specificity)}: ${balance}.`,
      );
    }
    const st = share('test');
    const str = share('train');
    if (st !== undefined && str !== undefined && Math.abs(st - str) > 0.05) {
      notes.push(
        `The test split is ${pct(st)} pneumonia against ${pct(str)} in training, so accuracy alone flatters or penalises a model depending on which class it favours; F1 and AUC are the fairer summaries.`,
      );
    }
    for (const n of notes) b.p(n);
  }
  const figs: Figure[] = [...(await historyFigures(r, entry.id, entry.id))];
  for (const [name, e] of evals) {
    if (!e) continue;
    figs.push(await confusionFigure(e.confusionMatrix, `${entry.id}-${name}-confusion`, `${entry.id}: ${name} confusion matrix`, XRAY));
  }
  const t = evals[1][1];
  if (t?.roc) figs.push(await rocFigure(t.roc, t.auc, `${entry.id}-roc`, `${entry.id}: test`));
  b.figures(figs);
  figuresAll.push(...figs);
  const grid = await imageGridFigure(
    await misclassifiedTiles(r, input.xrayTest, XRAY, 12),
    `${entry.id}-misclassified`,
    `${entry.id}: the most confidently misclassified test images`,
    { columns: 6, tileSize: 112 },
  );
  if (grid) {
    b.figures([grid]);
    figuresAll.push(grid);
  }
  appendExplanation(b, input.explanations?.['cnn-pneumonia'], figuresAll);
}

/** Builds the report document (and the list of its figures). */
export async function buildReport(input: ReportInput): Promise<{ doc: ReportDocument; figures: Figure[] }> {
  const b = new DocumentBuilder();
  const figures: Figure[] = [];
  const runs = Object.values(input.runs).filter((r): r is RunRecord => !!r);
  b.p(
    `Generated by \`${input.generatedBy ?? `nnlab reproduce${input.quick ? ' --quick' : ''}`}\` on ${(input.generatedAt ?? new Date()).toISOString()}.${input.rule ? ` Runs shown: ${input.rule}.` : ''} Every number in this report is read from the run records listed at the end; figures are drawn from the same records. Every figure says its split: *validation* is held-out training data (used to choose epochs and architectures), *test* the separate test split. The course gives its figures without saying which split they were measured on, so both splits are shown wherever the records have them.${input.quick ? ' **Quick mode**: the MNIST models train for the course default of 3 epochs and the pneumonia CNN for 2 instead of 5, so the whole report takes a few minutes; the MNIST accuracies are therefore below the course final figures (the students raised the epochs). Run `nnlab reproduce` without `--quick` for the full experiments.' : ''}`,
  );

  b.heading(2, 'Q1. Optimisers and losses');
  const optimizers = new Map<OptimizerName, RunRecord[]>();
  const losses = new Map<LossName, RunRecord[]>();
  for (const r of runs) {
    optimizers.set(r.config.optimizer.name, [...(optimizers.get(r.config.optimizer.name) ?? []), r]);
    losses.set(r.config.loss as LossName, [...(losses.get(r.config.loss as LossName) ?? []), r]);
  }
  b.table(
    ['model', 'optimizer and parameters', 'loss', 'batch size', 'epochs'],
    runs.map((r) => [r.config.model, describeOptimizer(r), r.config.loss, r.config.batchSize, r.history.loss.length]),
  );
  for (const [name, rs] of optimizers) {
    b.p(`**${name}** (used by ${rs.map((r) => r.config.model).join(', ')}):`);
    b.formula(OPTIMIZER_FORMULAS[name]);
  }
  for (const [name, rs] of losses) {
    b.p(`**${name}** (used by ${rs.map((r) => r.config.model).join(', ')}):`);
    b.formula(LOSS_FORMULAS[name] ?? name);
  }
  b.p('Predicted probabilities are clipped to [1e-7, 1 − 1e-7] before the logarithm, as Keras does.');

  b.heading(2, 'Q2. The MNIST models');
  for (const id of ['mlp-raw', 'mlp-hog', 'cnn-mnist'] as const) {
    const r = input.runs[id];
    if (r) await mnistSection(b, r, input, figures);
  }

  b.heading(2, 'Q3. Parameters: MLP vs CNN');
  const mnistRuns = (['mlp-raw', 'mlp-hog', 'cnn-mnist'] as const).map((id) => input.runs[id]).filter((r): r is RunRecord => !!r);
  if (mnistRuns.length) {
    b.table(
      ['model', 'parameters', 'test accuracy', 'test errors', 'accuracy per 1,000 parameters'],
      mnistRuns.map((r) => [
        r.config.model,
        int(r.summary.totalParams),
        f4(r.test?.accuracy),
        r.test ? int(Math.round((1 - r.test.accuracy) * r.config.data.testCount)) : '–',
        r.test ? (r.test.accuracy / (r.summary.totalParams / 1000)).toFixed(3) : '–',
      ]),
    );
    const raw = input.runs['mlp-raw'];
    const cnn = input.runs['cnn-mnist'];
    if (raw && cnn) {
      const ratio = raw.summary.totalParams / cnn.summary.totalParams;
      b.p(
        `The CNN has ${int(cnn.summary.totalParams)} parameters, ${ratio.toFixed(1)}× fewer than the raw-pixel MLP's ${int(raw.summary.totalParams)}: its 2×2 kernels are shared across every image position (each conv layer costs kernel·kernel·in·out + out weights, independent of the image size), while the MLP's first Dense layer needs one weight per pixel per unit (784 × 10). In these runs the CNN reached ${f4(cnn.test?.accuracy)} vs the MLP's ${f4(raw.test?.accuracy)} test accuracy.`,
      );
    }
  }

  b.heading(2, 'Q4. Pneumonia CNN on chest X-rays');
  const pn = input.runs['cnn-pneumonia'];
  if (pn) await pneumoniaSection(b, pn, input, figures);
  else b.p('No pneumonia run was recorded.');

  input.extraSections?.(b);
  if (input.allRuns?.length) architecturesSection(b, input.allRuns, input.runs);

  b.heading(2, 'Run records');
  b.table(
    ['model', 'run id', 'status', 'engine', 'data files (sha256)'],
    runs.map((r) => [
      r.config.model,
      r.id,
      r.status,
      engineLabel(r.engine, r.config.backend),
      r.config.data.files.map((f) => `${f.name} ${f.sha256.slice(0, 12)}…`).join(', '),
    ]),
  );
  b.p(
    `Versions: ${Object.entries(runs[0]?.config.versions ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );
  return { doc: { title: 'nnlab — the neural-networks practical, reproduced', blocks: b.blocks }, figures };
}
