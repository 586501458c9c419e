/**
 * `nnlab reproduce --search`: a recorded search per experiment over epochs, batch size, learning
 * rate and a few architectures (the course's and small variations), every point a recorded run
 * tagged `search=<id>`. The grid is fixed and small so the search is bounded; the whole grid is
 * planned and checked before anything trains. The report's "How close to the course figures"
 * section reads these runs back (report/search-section.ts).
 */
import type { BackendName } from '@nnlab/core';
import type { ExperimentId } from '../report/experiments';
import { createProgressBar } from '../output/progress-bar';
import { resolveArch } from './arch';
import { planTrainRun, trainRun, type TrainRunOptions } from './train-run';

/** One experiment's grid: architectures (undefined = the zoo model) × epochs × batch sizes × learning rates. */
export interface SearchGrid {
  archs: (string | undefined)[];
  epochs: number[];
  batchSize: number[];
  learningRate: number[];
}

/** The grid of each experiment (the course architecture first). */
export const SEARCH_GRIDS: Record<ExperimentId, SearchGrid> = {
  'mlp-raw': { archs: [undefined, 'dense(32,relu) dense(10,softmax)'], epochs: [20, 50], batchSize: [32, 128], learningRate: [0.001, 0.003] },
  'mlp-hog': { archs: [undefined, 'dense(32,relu) dense(10,softmax)'], epochs: [15, 30], batchSize: [32, 128], learningRate: [0.001, 0.003] },
  'cnn-mnist': {
    archs: [undefined, 'conv(8,3x3,relu) pool(2) conv(16,3x3,relu) pool(2) flatten dense(10,softmax)'],
    epochs: [10, 20],
    batchSize: [128],
    learningRate: [0.001, 0.003],
  },
  'cnn-pneumonia': { archs: [undefined], epochs: [5, 10], batchSize: [64], learningRate: [0.001, 0.0003] },
};

const DATASET: Record<ExperimentId, string> = { 'mlp-raw': 'mnist', 'mlp-hog': 'mnist-hog', 'cnn-mnist': 'mnist', 'cnn-pneumonia': 'pneumonia' };

/** Number of runs of the whole search. */
export const SEARCH_RUNS = Object.values(SEARCH_GRIDS).reduce((n, g) => n + g.archs.length * g.epochs.length * g.batchSize.length * g.learningRate.length, 0);

/** How long the search takes (help text). */
export const SEARCH_DURATION_NOTE = `${SEARCH_RUNS} runs on the full data; see the CLI README for a measured time`;

/** Options of `runSearch`. */
export interface SearchOptions {
  only?: string[];
  /** Train every point on the first N training images (a smoke test). */
  limit?: number;
  backend: BackendName | 'auto';
  seed: number;
  threads?: number;
  runsDir: string;
  signal?: AbortSignal;
  json: boolean;
  info: (line: string) => void;
}

/** The search's points as run options, every one planned (checked) first. */
export function searchPoints(
  o: Pick<SearchOptions, 'only' | 'limit' | 'backend' | 'seed' | 'threads' | 'runsDir'>,
): { options: TrainRunOptions; label: string }[] {
  const points: { options: TrainRunOptions; label: string }[] = [];
  for (const [id, g] of Object.entries(SEARCH_GRIDS) as [ExperimentId, SearchGrid][]) {
    if (o.only && !o.only.includes(id)) continue;
    for (const arch of g.archs)
      for (const epochs of g.epochs)
        for (const batchSize of g.batchSize)
          for (const learningRate of g.learningRate) {
            const a = arch ? resolveArch(arch) : undefined;
            const options: TrainRunOptions = {
              ...(a && 'spec' in a ? { spec: a.spec, dataset: DATASET[id] } : { model: id }),
              epochs,
              batchSize,
              learningRate,
              limit: o.limit,
              backend: o.backend,
              seed: o.seed,
              threads: o.threads,
              runsDir: o.runsDir,
              argv: process.argv.slice(2),
            };
            points.push({ options, label: `${id} ${arch ?? '(course architecture)'} epochs=${epochs} batch=${batchSize} lr=${learningRate}` });
          }
  }
  for (const p of points) planTrainRun(p.options);
  return points;
}

/** Runs the search; returns its id (the `search` tag of its runs). */
export async function runSearch(o: SearchOptions): Promise<string> {
  const points = searchPoints(o);
  const id = `search-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
  for (const [i, p] of points.entries()) {
    if (o.signal?.aborted) break;
    if (!o.json) o.info(`\n[search ${i + 1}/${points.length}] ${p.label}`);
    await trainRun(
      { ...p.options, tags: { search: id, point: p.label } },
      { onEvent: o.json ? undefined : createProgressBar(), onInfo: o.json ? undefined : o.info, signal: o.signal },
    );
  }
  return id;
}
