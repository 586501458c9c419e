/**
 * One training run end to end: load data, build the model, train with progress, evaluate the test
 * set in one unshuffled pass, and record everything under `runs/<id>/` (run.json rewritten
 * atomically at start, after each epoch and at the end; the model saved in the tfjs LayersModel
 * format). `nnlab train`, `nnlab sweep` and `nnlab reproduce` all go through here.
 */
import { join } from 'node:path';
import {
  evaluateModel,
  fit,
  resolveOptimizerConfig,
  splitTail,
  useBackend,
  type BackendName,
  type Dataset,
  type OptimizerName,
  type TrainEvent,
} from '@nnlab/core';
import { registerNodeBackends, saveModelToDir } from '@nnlab/core/node';
import { resolveWasmThreads } from './wasm-threads-policy';
import { getZooEntry, summarizeModel, type HiddenActivation, type ZooArgs } from '@nnlab/models';
import { RUN_RECORD_SCHEMA_VERSION, evaluationMetrics, inputPipelineFor, makeRunId, type RunRecord } from '@nnlab/experiments';
import { resolveRunsDir, saveRunRecord } from '@nnlab/experiments/node';
import type { HogBlockNorm } from '@nnlab/features-hog';
import { UsageError } from '../exit-codes';
import { runtimeVersions } from '../versions';
import { loadTrainingData } from './training-data';

/** Everything a training run can be told. Unset fields take the model's course settings. */
export interface TrainRunOptions {
  model: string;
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
  optimizer?: OptimizerName;
  learningRate?: number;
  backend?: BackendName | 'auto';
  seed?: number;
  /** Data folder or file (MNIST folder, chest X-ray folder, PneumoniaMNIST .npz). */
  data?: string;
  /** Use only the first N training (and N/6 test) samples. */
  limit?: number;
  hidden?: number[];
  activation?: HiddenActivation;
  imageSize?: number;
  classWeights?: boolean;
  valFromTrain?: number;
  /** HOG parameters (mlp-hog). */
  hog?: { orientations?: number; pixelsPerCell?: number; cellsPerBlock?: number; blockNorm?: HogBlockNorm };
  runsDir?: string;
  /** Threads of the wasm backend (default: NNLAB_WASM_THREADS, else chosen per model, see wasm-threads-policy.ts). */
  threads?: number;
  /** Skip writing a run record. */
  noRecord?: boolean;
  /** Extra tags stored in the record (e.g. the sweep id). */
  tags?: Record<string, string>;
  argv?: string[];
}

/** Hooks of a run. */
export interface TrainRunHooks {
  onEvent?: (e: TrainEvent) => void;
  onInfo?: (line: string) => void;
  signal?: AbortSignal;
}

/** Result of a run. */
export interface TrainRunResult {
  record: RunRecord;
  runDir?: string;
}

let backendsRegistered = false;


/** Runs one training run. */
export async function trainRun(opts: TrainRunOptions, hooks: TrainRunHooks = {}): Promise<TrainRunResult> {
  const entry = getZooEntry(opts.model);
  const course = entry.course;
  const epochs = opts.epochs ?? course.epochs;
  const batchSize = opts.batchSize ?? course.batchSize;
  const seed = opts.seed ?? 0;
  const validationSplit = opts.validationSplit ?? course.validationSplit;
  const info = hooks.onInfo ?? (() => {});
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new UsageError(`--epochs must be a positive integer, got ${epochs}`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new UsageError(`--batch-size must be a positive integer, got ${batchSize}`);

  if (!backendsRegistered) {
    const threads = await resolveWasmThreads(opts.threads, [{ id: entry.id, args: opts.imageSize ? { imageSize: opts.imageSize } : {} }]);
    registerNodeBackends({ wasmThreads: threads });
    backendsRegistered = true;
  }
  const backend = await useBackend(opts.backend ?? 'auto');
  info(`backend: ${backend.name}${backend.detail ? ` (${backend.detail})` : ''}`);
  for (const s of backend.skipped) info(`  (${s.name} skipped: ${s.reason})`);

  const t0 = performance.now();
  const data = await loadTrainingData(entry, opts, info);
  let train: Dataset = data.train;
  let validation: Dataset | undefined = data.validation;
  if (!validation && validationSplit > 0) {
    const split = splitTail(train, validationSplit);
    train = split.train;
    validation = split.validation;
  }

  const args: ZooArgs = { seed, hidden: opts.hidden, activation: opts.activation, inputSize: data.inputSize, imageSize: opts.imageSize };
  for (const k of Object.keys(args) as (keyof ZooArgs)[]) if (args[k] === undefined) delete args[k];
  const model = entry.build(args);
  const summary = summarizeModel(model);
  const optimizer = resolveOptimizerConfig({ name: opts.optimizer ?? course.optimizer, learningRate: opts.learningRate });
  const classWeights = (opts.classWeights ?? course.classWeights) ? data.classWeights : undefined;

  const now = new Date();
  const record: RunRecord = {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    id: makeRunId(entry.id, now),
    status: 'running',
    pid: process.pid,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    config: {
      model: entry.id,
      args,
      epochs,
      batchSize,
      optimizer,
      loss: course.loss,
      validationSplit: data.validation ? 0 : validationSplit,
      seed,
      backend: backend.name,
      classWeights,
      data: {
        name: data.name,
        files: data.files,
        trainCount: train.size,
        validationCount: validation?.size ?? 0,
        testCount: data.test.size,
        options: data.options,
      },
      input: inputPipelineFor(entry, { imageSize: opts.imageSize, hog: data.hog }),
      versions: runtimeVersions(),
      argv: opts.argv,
    },
    summary: { totalParams: summary.totalParams, trainableParams: summary.trainableParams, nonTrainableParams: summary.nonTrainableParams, sizeKB: summary.sizeKB, rows: summary.rows },
    history: { loss: [], acc: [], val_loss: [], val_acc: [] },
    classBalance: data.classBalance,
    timing: {},
    tags: opts.tags,
  };
  const runsDir = resolveRunsDir(opts.runsDir);
  const record_ = (): string | undefined => (opts.noRecord ? undefined : saveRunRecord(runsDir, record));
  const dir = record_();
  if (dir) info(`run: ${dir}`);

  try {
    const result = await fit(model, train, {
      epochs,
      batchSize,
      optimizer: { ...optimizer },
      loss: course.loss,
      validation,
      seed,
      classWeight: classWeights,
      signal: hooks.signal,
      onEvent: (e) => {
        hooks.onEvent?.(e);
        if (e.type === 'epoch-end') {
          const l = e.logs;
          record.history.loss.push(l.loss);
          record.history.acc.push(l.acc);
          if (l.val_loss !== undefined) record.history.val_loss.push(l.val_loss);
          if (l.val_acc !== undefined) record.history.val_acc.push(l.val_acc);
          record_();
        }
      },
    });
    record.timing.trainSeconds = result.seconds;
    record.timing.samplesPerSecond = result.samplesPerSecond;
    const e0 = performance.now();
    info('evaluating on the test set…');
    const testEval = await evaluateModel(model, data.test, { batchSize: 256, loss: course.loss });
    record.test = evaluationMetrics(testEval);
    if (validation && entry.task === 'binary') {
      record.validation = evaluationMetrics(await evaluateModel(model, validation, { batchSize: 256, loss: course.loss }));
    }
    record.timing.evalSeconds = (performance.now() - e0) / 1000;
    if (dir) {
      await saveModelToDir(model, join(dir, 'model'));
      record.modelDir = 'model';
    }
    record.status = result.stopped ? 'stopped' : 'complete';
    record.finishedAt = new Date().toISOString();
    record.timing.totalSeconds = (performance.now() - t0) / 1000;
    record_();
    return { record, runDir: dir };
  } catch (err) {
    record.status = 'failed';
    record.error = err instanceof Error ? err.message : String(err);
    record.finishedAt = new Date().toISOString();
    record_();
    throw err;
  } finally {
    model.dispose();
  }
}
