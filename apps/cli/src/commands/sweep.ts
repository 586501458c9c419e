/**
 * `nnlab sweep <model> --epochs 5,8,10 --hidden 10,32`: every numeric flag takes a comma list;
 * the grid of all combinations is trained in order, each run recorded (tagged with the sweep id),
 * then a results table compares them with the best of each column marked.
 */
import type { Command } from 'commander';
import { OPTIMIZER_NAMES, type BackendName, type OptimizerName } from '@nnlab/core';
import { MODEL_IDS, getZooEntry } from '@nnlab/models';
import { type RunRecord } from '@nnlab/experiments';
import { createProgressBar } from '../output/progress-bar';
import { compareRuns, formatCompare } from '../output/run-views';
import { trainRun } from '../training/train-run';
import type { CommandContext } from './context';
import { choice } from '../options/parsers';
import { BACKEND_CHOICES } from './train';

/** Parses `5,8,10` (or `10x16,32` for layer lists with --hidden) into a list. */
function list(flag: string, kind: 'int' | 'float' | 'layers') {
  return (v: string) =>
    v.split(',').map((s) => {
      const t = s.trim();
      if (kind === 'layers') {
        const units = t.split('x').map(Number);
        if (units.some((u) => !Number.isInteger(u) || u < 1)) throw new Error(`${flag}: '${t}' is not a layer size like 32 or 32x16`);
        return units;
      }
      const n = Number(t);
      if (t === '' || !Number.isFinite(n) || (kind === 'int' && !Number.isInteger(n)) || n < 0) throw new Error(`${flag}: '${t}' is not a valid ${kind === 'int' ? 'integer' : 'number'}`);
      return n;
    });
}

interface SweepFlags {
  epochs?: number[];
  batchSize?: number[];
  learningRate?: number[];
  validationSplit?: number[];
  seed?: number[];
  hidden?: number[][];
  limit?: number[];
  imageSize?: number[];
  optimizer?: OptimizerName;
  backend: BackendName | 'auto';
  data?: string;
  runsDir?: string;
  json?: boolean;
}

type Point = Record<string, number | number[]>;

/** Cartesian product of the given axes, in flag order (the last axis varies fastest). */
export function grid(axes: [string, (number | number[])[]][]): Point[] {
  let points: Point[] = [{}];
  for (const [name, values] of axes) points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  return points;
}

export function registerSweep(program: Command, ctx: CommandContext): void {
  program
    .command('sweep')
    .description('train a grid of settings (each numeric flag takes a comma list), record every run, print a results table')
    .argument('<model>', `zoo model: ${MODEL_IDS.join(', ')}`)
    .option('--epochs <list>', 'e.g. 5,8,10,12,14', list('--epochs', 'int'))
    .option('--batch-size <list>', 'e.g. 64,128', list('--batch-size', 'int'))
    .option('--learning-rate <list>', 'e.g. 0.001,0.003', list('--learning-rate', 'float'))
    .option('--validation-split <list>', 'e.g. 0.1,0.2', list('--validation-split', 'float'))
    .option('--seed <list>', 'e.g. 0,1,2 (repeat runs)', list('--seed', 'int'))
    .option('--hidden <list>', 'hidden units per variant, e.g. 10,32 or 32x16,64', list('--hidden', 'layers'))
    .option('--limit <list>', 'training samples, e.g. 1000,10000', list('--limit', 'int'))
    .option('--image-size <list>', 'CNN input side, e.g. 64,128', list('--image-size', 'int'))
    .option('--optimizer <name>', 'optimizer for every run', choice('--optimizer', OPTIMIZER_NAMES))
    .option('--backend <name>', 'tfjs backend', choice('--backend', BACKEND_CHOICES), 'auto')
    .option('--data <path>', 'data folder or file')
    .option('--runs-dir <dir>', 'where run records go')
    .option('--json', 'print one JSON object at the end (no progress output)')
    .addHelpText('after', '\nExample:\n  nnlab sweep mlp-raw --epochs 5,10,20 --hidden 10,32')
    .action(async (model: string, f: SweepFlags) => {
      getZooEntry(model);
      await ctx.quietTf();
      const axes = (
        [
          ['epochs', f.epochs],
          ['batchSize', f.batchSize],
          ['learningRate', f.learningRate],
          ['validationSplit', f.validationSplit],
          ['seed', f.seed],
          ['hidden', f.hidden],
          ['limit', f.limit],
          ['imageSize', f.imageSize],
        ] as [string, (number | number[])[] | undefined][]
      ).filter((a): a is [string, (number | number[])[]] => Array.isArray(a[1]) && a[1].length > 0);
      const points = grid(axes);
      const sweepId = `sweep-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
      const records: RunRecord[] = [];
      for (const [i, p] of points.entries()) {
        const label = Object.entries(p)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('x') : v}`)
          .join(' ');
        if (!f.json) ctx.info(`\n[${i + 1}/${points.length}] ${model} ${label || '(course settings)'}`);
        const { record } = await trainRun(
          {
            model,
            backend: f.backend,
            optimizer: f.optimizer,
            data: f.data,
            runsDir: f.runsDir,
            ...(p as Record<string, unknown>),
            tags: { sweep: sweepId, point: label },
            argv: process.argv.slice(2),
          },
          { onEvent: f.json ? undefined : createProgressBar(), onInfo: f.json ? undefined : ctx.info },
        );
        records.push(record);
      }
      if (f.json) {
        ctx.json({ sweep: sweepId, points, runs: records.map((r) => r.id), comparison: compareRuns(records) });
      } else {
        ctx.out(`\nsweep ${sweepId}: ${records.length} runs\n`);
        ctx.out(formatCompare(records));
      }
    });
}
