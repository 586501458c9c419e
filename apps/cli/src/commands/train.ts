/** `nnlab train <model>`: train a zoo model with the course settings (each overridable). */
import type { Command } from 'commander';
import { OPTIMIZER_NAMES, type BackendName } from '@nnlab/core';
import { HIDDEN_ACTIVATIONS, MODEL_IDS, getZooEntry } from '@nnlab/models';
import { isBinaryEvaluation } from '@nnlab/experiments';
import { createProgressBar } from '../output/progress-bar';
import { trainRun, type TrainRunOptions } from '../training/train-run';
import { WASM_THREADS_HELP } from '../training/wasm-threads-policy';
import type { CommandContext } from './context';
import { choice, float, int, intList } from '../options/parsers';

export const BACKEND_CHOICES = ['auto', 'wasm', 'cpu', 'webgpu', 'tensorflow'] as const;

/**
 * What commander parses from the training flags: the run options a flag sets directly, plus the
 * flags that map onto them differently (HOG parameters → `hog`, `--no-record` → `noRecord`).
 */
type TrainFlags = Omit<TrainRunOptions, 'model' | 'hog' | 'noRecord' | 'tags' | 'argv' | 'backend' | 'seed'> &
  NonNullable<TrainRunOptions['hog']> & {
    backend: BackendName | 'auto';
    seed: number;
    record: boolean;
    json?: boolean;
  };

/** Adds the training flags shared by `train` and `sweep`. */
export function addTrainingFlags(cmd: Command): Command {
  return cmd
    .option('--epochs <n>', 'passes over the training data (default: the course value)', int('--epochs', 1, 100000))
    .option('--batch-size <n>', 'samples per step (default: the course value)', int('--batch-size', 1, 1 << 16))
    .option('--validation-split <f>', 'last fraction of the training set held out for validation (Keras validation_split)', float('--validation-split', 0, 1, { exclusiveMax: true }))
    .option('--optimizer <name>', 'optimizer with Keras defaults', choice('--optimizer', OPTIMIZER_NAMES))
    .option('--learning-rate <lr>', 'learning rate (default: Keras default of the optimizer)', float('--learning-rate', 0, 10))
    .option('--backend <name>', 'tfjs backend (auto = wasm in Node)', choice('--backend', BACKEND_CHOICES), 'auto')
    .option('--seed <n>', 'seed of weight initialisation and shuffling', int('--seed', 0, 2 ** 31 - 1), 0)
    .option('--threads <n>', WASM_THREADS_HELP, int('--threads', 1, 8))
    .option('--data <path>', 'MNIST folder; for cnn-pneumonia a chest_xray folder ({train,val,test}/{NORMAL,PNEUMONIA}), a PneumoniaMNIST .npz, or `pneumoniamnist` (default: NNLAB_DATA_DIR, the vendored copy, the cache, a download)')
    .option('--limit <n>', 'train on the first N training samples (quick checks)', int('--limit'))
    .option('--hidden <units>', 'hidden dense units, comma-separated', intList('--hidden'))
    .option('--activation <name>', 'hidden activation (MLPs)', choice('--activation', HIDDEN_ACTIVATIONS))
    .option('--image-size <px>', 'square input side (CNNs)', int('--image-size', 8, 4096))
    .option('--class-weights', 'weight the loss by total/(2·count) per class (default for cnn-pneumonia, as the course)')
    .option('--no-class-weights', 'plain loss even for cnn-pneumonia')
    .option('--val-from-train <f>', 'cnn-pneumonia: validation = a stratified fraction of the training set (instead of the val split)', float('--val-from-train', 0, 1, { exclusiveMax: true }))
    .option('--orientations <n>', 'mlp-hog: HOG orientation bins (course 8)', int('--orientations', 1, 360))
    .option('--pixels-per-cell <n>', 'mlp-hog: HOG cell side in pixels (course 4)', int('--pixels-per-cell', 1, 28))
    .option('--cells-per-block <n>', 'mlp-hog: HOG block side in cells (course 1)', int('--cells-per-block', 1, 28))
    .option('--block-norm <name>', 'mlp-hog: HOG block normalisation (course L2-Hys)', choice('--block-norm', ['L1', 'L1-sqrt', 'L2', 'L2-Hys'] as const))
    .option('--runs-dir <dir>', 'where run records go (default: NNLAB_RUNS_DIR or ./runs)')
    .option('--no-record', 'do not write a run record');
}

function toRunOptions(model: string, f: TrainFlags): TrainRunOptions {
  return {
    model,
    epochs: f.epochs,
    batchSize: f.batchSize,
    validationSplit: f.validationSplit,
    optimizer: f.optimizer,
    learningRate: f.learningRate,
    backend: f.backend,
    seed: f.seed,
    threads: f.threads,
    data: f.data,
    limit: f.limit,
    hidden: f.hidden,
    activation: f.activation,
    imageSize: f.imageSize,
    classWeights: f.classWeights,
    valFromTrain: f.valFromTrain,
    hog: { orientations: f.orientations, pixelsPerCell: f.pixelsPerCell, cellsPerBlock: f.cellsPerBlock, blockNorm: f.blockNorm },
    runsDir: f.runsDir,
    noRecord: !f.record,
    argv: process.argv.slice(2),
  };
}

export function registerTrain(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('train')
    .description('train a zoo model (course settings by default), evaluate it on the test set and record the run')
    .argument('<model>', `zoo model: ${MODEL_IDS.join(', ')}`);
  addTrainingFlags(cmd)
    .option('--json', 'no progress output; print one JSON object as the last line of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  nnlab train mlp-raw\n  nnlab train mlp-raw --epochs 20 --hidden 32 --json\n  nnlab train cnn-mnist --backend cpu --limit 2000',
    )
    .action(async (model: string, f: TrainFlags) => {
      const entry = getZooEntry(model);
      await ctx.quietTf();
      const abort = new AbortController();
      const onSigint = () => {
        if (abort.signal.aborted) process.exit(130);
        process.stderr.write('\nstopping after this step (Ctrl-C again to quit at once)…\n');
        abort.abort();
      };
      process.on('SIGINT', onSigint);
      try {
        const { record, runDir } = await trainRun(toRunOptions(model, f), {
          onEvent: f.json ? undefined : createProgressBar(),
          onInfo: f.json && !ctx.verbose ? undefined : ctx.info,
          signal: abort.signal,
        });
        const test = record.test!;
        if (f.json) {
          const t: Record<string, unknown> = { loss: test.loss, accuracy: test.accuracy, confusionMatrix: test.confusionMatrix };
          if (isBinaryEvaluation(test)) Object.assign(t, { f1: test.f1, auc: test.auc, precision: test.precision, recall: test.recall, specificity: test.specificity });
          ctx.json({
            model: entry.id,
            backend: record.config.backend,
            params: record.summary.totalParams,
            epochs: record.history.loss.length,
            history: record.history,
            test: t,
            trainSeconds: record.timing.trainSeconds,
            samplesPerSecond: record.timing.samplesPerSecond,
            status: record.status,
            runId: record.id,
            runDir: runDir ?? null,
          });
        } else {
          ctx.out(`\n${entry.id}: test loss ${test.loss.toFixed(4)}, test accuracy ${test.accuracy.toFixed(4)}`);
          if (isBinaryEvaluation(test)) {
            ctx.out(`  F1 ${test.f1.toFixed(4)}  AUC ${test.auc.toFixed(4)}  precision ${test.precision.toFixed(4)}  recall ${test.recall.toFixed(4)}  specificity ${test.specificity.toFixed(4)}`);
          }
          ctx.out(`  trained in ${(record.timing.trainSeconds ?? 0).toFixed(1)} s (${Math.round(record.timing.samplesPerSecond ?? 0)} samples/s on ${record.config.backend})`);
          if (runDir) ctx.out(`  run recorded in ${runDir}`);
          if (record.status === 'stopped') ctx.out('  (stopped early by Ctrl-C)');
        }
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
