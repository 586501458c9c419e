/**
 * `nnlab train <model>` or `nnlab train --arch <spec> --dataset <name>`: train a zoo model (course
 * settings by default, each overridable) or any architecture, evaluate it on the test set and
 * record the run. The flags come from the one option table (../options/table.ts).
 */
import type { Command } from 'commander';
import { engineLabel, isBinaryEvaluation } from '@nnlab/experiments';
import { MODEL_IDS } from '@nnlab/models';
import { UsageError } from '../exit-codes';
import { addOptions, type OptionName } from '../options/table';
import { createProgressBar } from '../output/progress-bar';
import { resolveArch } from '../training/arch';
import { planTrainRun, trainRun, type TrainRunOptions } from '../training/train-run';
import { givenOptions, refuseInapplicable } from '../options/applicability';
import type { CommandContext } from './context';

export { BACKEND_CHOICES } from '../options/table';

/** The options `train` takes (`sweep` takes the same, as lists). */
export const TRAINING_OPTIONS: readonly OptionName[] = [
  'dataset',
  'epochs',
  'batchSize',
  'validationSplit',
  'optimizer',
  'learningRate',
  'rho',
  'momentum',
  'epsilon',
  'beta1',
  'beta2',
  'nesterov',
  'backend',
  'seed',
  'threads',
  'engine',
  'data',
  'limit',
  'hidden',
  'activation',
  'imageSize',
  'classWeights',
  'noClassWeights',
  'valFromTrain',
  'orientations',
  'pixelsPerCell',
  'cellsPerBlock',
  'blockNorm',
  'runsDir',
  'record',
];

/** What commander parses from the training flags (one value each; `sweep` gets lists). */
export type TrainFlags = Omit<TrainRunOptions, 'model' | 'spec' | 'hog' | 'noRecord' | 'tags' | 'argv'> &
  NonNullable<TrainRunOptions['hog']> & {
    arch?: string;
    record: boolean;
    json?: boolean;
  };

/** The run options of one model (zoo id or `--arch`) and the flags. */
export function toRunOptions(model: string | undefined, arch: string | undefined, f: Omit<TrainFlags, 'arch'>): TrainRunOptions {
  if (model && arch) throw new UsageError(`give either a zoo model ('${model}') or --arch, not both`);
  if (!model && !arch) throw new UsageError(`give a zoo model (${MODEL_IDS.join(', ')}) or --arch <spec>`);
  const a = arch !== undefined ? resolveArch(arch) : undefined;
  const { orientations, pixelsPerCell, cellsPerBlock, blockNorm, record, json: _json, ...rest } = f;
  return {
    ...rest,
    model: a ? ('zoo' in a ? a.zoo : undefined) : model,
    spec: a && 'spec' in a ? a.spec : undefined,
    hog: { orientations, pixelsPerCell, cellsPerBlock, blockNorm },
    noRecord: !record,
    argv: process.argv.slice(2),
  };
}

export function registerTrain(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('train')
    .description('train a zoo model (course settings by default) or any architecture (--arch), evaluate it on the test set and record the run')
    .argument('[model]', `zoo model: ${MODEL_IDS.join(', ')} (or give --arch)`);
  addOptions(cmd, ['arch', ...TRAINING_OPTIONS, 'json'])
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  nnlab train mlp-raw',
        '  nnlab train mlp-raw --epochs 20 --hidden 32 --json',
        '  nnlab train cnn-mnist --backend cpu --limit 2000',
        '  nnlab train --arch "conv(8,3x3,relu) pool(2) conv(16,3x3,relu) pool(2) flatten dense(32,relu) dense(10,softmax)" --dataset mnist --epochs 2',
        '  nnlab train --arch my-cnn.json --dataset mnist --rho 0.95 --learning-rate 0.002',
      ].join('\n'),
    )
    .action(async (model: string | undefined, f: TrainFlags, command: Command) => {
      const options = toRunOptions(model, f.arch, f);
      const plan = planTrainRun(options);
      refuseInapplicable(givenOptions(command, TRAINING_OPTIONS), plan);
      await ctx.quietTf();
      // Ctrl-C: stop after the current step, record `interrupted`, exit 130 (InterruptedError)
      const { record, runDir } = await trainRun(
        options,
        {
          onEvent: f.json ? undefined : createProgressBar(),
          onInfo: f.json && !ctx.verbose ? undefined : ctx.info,
          signal: ctx.stopSignal(),
        },
        plan,
      );
      const test = record.test!;
      if (f.json) {
        const t: Record<string, unknown> = { loss: test.loss, accuracy: test.accuracy, confusionMatrix: test.confusionMatrix };
        if (isBinaryEvaluation(test))
          Object.assign(t, { f1: test.f1, auc: test.auc, precision: test.precision, recall: test.recall, specificity: test.specificity });
        ctx.json({
          model: record.config.model,
          arch: record.config.arch,
          dataset: record.config.dataset,
          backend: record.config.backend,
          params: record.summary.totalParams,
          epochs: record.history.loss.length,
          history: record.history,
          test: t,
          validation: record.validation ? { loss: record.validation.loss, accuracy: record.validation.accuracy } : null,
          trainSeconds: record.timing.trainSeconds,
          samplesPerSecond: record.timing.samplesPerSecond,
          status: record.status,
          runId: record.id,
          runDir: runDir ?? null,
        });
      } else {
        ctx.out(
          `\n${record.config.model}: test loss ${test.loss.toFixed(4)}, test accuracy ${test.accuracy.toFixed(4)}${record.validation ? ` (validation accuracy ${record.validation.accuracy.toFixed(4)})` : ''}`,
        );
        if (isBinaryEvaluation(test)) {
          ctx.out(
            `  F1 ${test.f1.toFixed(4)}  AUC ${test.auc.toFixed(4)}  precision ${test.precision.toFixed(4)}  recall ${test.recall.toFixed(4)}  specificity ${test.specificity.toFixed(4)}`,
          );
        }
        ctx.out(
          `  trained in ${(record.timing.trainSeconds ?? 0).toFixed(1)} s (${Math.round(record.timing.samplesPerSecond ?? 0)} samples/s, ${engineLabel(record.engine, record.config.backend)})`,
        );
        if (runDir) ctx.out(`  run recorded in ${runDir}`);
      }
    });
}
