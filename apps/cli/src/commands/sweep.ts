/**
 * `nnlab sweep <model> --epochs 5,8,10 --hidden 10,32` or
 * `nnlab sweep --arch a.json --arch "conv(8,3x3,relu) pool(2) flatten dense(10,softmax)" --dataset mnist --epochs 5,10`:
 * every sweepable option takes a comma list (`--arch` is repeated: specs contain commas); the grid
 * of all combinations is checked whole before anything trains (a bad point is a usage error, exit 2,
 * nothing recorded), then trained in order, each run recorded (tagged with the sweep id), and a
 * results table compares them with the best of each column marked and the architectures side by side.
 */
import type { Command } from 'commander';
import type { RunRecord } from '@nnlab/experiments';
import { MODEL_IDS } from '@nnlab/models';
import { UsageError } from '../exit-codes';
import { OPTIONS, addOptions, type OptionDef, type OptionName } from '../options/table';
import { createProgressBar } from '../output/progress-bar';
import { compareRuns, formatCompare } from '../output/run-views';
import { planTrainRun, trainRun, type TrainRunOptions } from '../training/train-run';
import { givenOptions, refuseInapplicable } from '../options/applicability';
import type { CommandContext } from './context';
import { TRAINING_OPTIONS, toRunOptions, type TrainFlags } from './train';

type Value = number | number[] | string;
type Point = Record<string, Value>;

/** Cartesian product of the given axes, in flag order (the last axis varies fastest). */
export function grid(axes: [string, Value[]][]): Point[] {
  let points: Point[] = [{}];
  for (const [name, values] of axes) points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  return points;
}

/** The options that may be swept, in grid order (`arch` first: one architecture's points stay together). */
const SWEPT: readonly OptionName[] = ['arch', ...TRAINING_OPTIONS.filter((n) => (OPTIONS[n] as OptionDef).sweepable)];

const labelOf = (p: Point) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('x') : v}`)
    .join(' ');

export function registerSweep(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('sweep')
    .description('train a grid of settings and architectures (comma lists; --arch repeated), record every run, print a results table')
    .argument('[model]', `zoo model: ${MODEL_IDS.join(', ')} (or give --arch, once per architecture)`);
  addOptions(cmd, ['arch', ...TRAINING_OPTIONS], { lists: true });
  addOptions(cmd, ['json'])
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  nnlab sweep mlp-raw --epochs 5,10,20 --hidden 10,32',
        '  nnlab sweep --arch a.json --arch "conv(8,3x3,relu) pool(2) flatten dense(10,softmax)" --dataset mnist --epochs 5,10',
        '  nnlab sweep cnn-mnist --rho 0.8,0.9,0.95 --learning-rate 0.001,0.003',
      ].join('\n'),
    )
    .action(async (model: string | undefined, f: Record<string, unknown>, command: Command) => {
      const given = givenOptions(command, TRAINING_OPTIONS);
      const axes = SWEPT.map((n) => [n, f[n]] as [string, unknown]).filter((a): a is [string, Value[]] => Array.isArray(a[1]) && a[1].length > 0);
      if (model && f.arch) throw new UsageError(`give either a zoo model ('${model}') or --arch, not both`);
      const fixed = Object.fromEntries(Object.entries(f).filter(([k]) => !SWEPT.includes(k as OptionName))) as Omit<TrainFlags, 'arch'>;
      const points = grid(axes);
      // Check the whole grid before training anything.
      const runs = points.map((p) => {
        const { arch, ...values } = p as Point & { arch?: string };
        const options: TrainRunOptions = { ...toRunOptions(model, arch, fixed), ...(values as Partial<TrainRunOptions>) };
        const label = labelOf(p);
        try {
          const plan = planTrainRun(options);
          refuseInapplicable(given, plan);
          return { options, plan, label };
        } catch (err) {
          if (err instanceof Error && points.length > 1) err.message = `grid point ${label || '(defaults)'}: ${err.message}`;
          throw err;
        }
      });
      await ctx.quietTf();
      const sweepId = `sweep-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
      const records: RunRecord[] = [];
      const signal = ctx.stopSignal();
      for (const [i, r] of runs.entries()) {
        if (!f.json) ctx.info(`\n[${i + 1}/${runs.length}] ${r.plan.model} ${r.label || '(course settings)'}`);
        const { record } = await trainRun(
          { ...r.options, tags: { sweep: sweepId, point: r.label } },
          { onEvent: f.json ? undefined : createProgressBar(), onInfo: f.json ? undefined : ctx.info, signal },
          r.plan,
        );
        records.push(record);
        if (signal.aborted) break;
      }
      if (f.json) {
        ctx.json({ sweep: sweepId, points, runs: records.map((r) => r.id), comparison: compareRuns(records) });
      } else {
        ctx.out(`\nsweep ${sweepId}: ${records.length} runs\n`);
        ctx.out(formatCompare(records));
      }
    });
}
