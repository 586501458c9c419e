/**
 * One experiment end to end, the same in Node and in the browser: load the data from the host's
 * source, compute the model's features, build the model from its spec (the spec and class names
 * go into the model's metadata, so a saved model.json says what it is), `fit` with progress events
 * and a stop signal, evaluate the test set (and the validation set) in one unshuffled pass each,
 * and keep the run record up to date in the host's store (at the start, after every epoch, at the
 * end). The host chooses the backend and shows the events; nothing here touches files or the DOM.
 */
import type * as tf from '@tensorflow/tfjs';
import { InterruptedError, evaluateModel, fit, type EngineChoice, type Evaluation, type FitResult, type TrainEventHandler } from '@nnlab/core';
import { buildModel, formatSpec, summarizeModel } from '@nnlab/models';
import type { DataSource, SourceData } from './data-source';
import { evaluationMetrics } from './evaluation-metrics';
import { experimentMetadata } from './saved-model';
import type { ExperimentPlan } from './experiment-plan';
import type { HogComputer } from './hog-features';
import { RUN_RECORD_SCHEMA_VERSION, makeRunId, type RunRecord, type RunStore } from './run-record';
import { prepareTrainingData, type TrainingData } from './training-data';

/** Evaluation batch size (memory only: results do not depend on it). */
const EVAL_BATCH_SIZE = 256;

/** What the host provides. */
export interface ExperimentHost {
  /** Where the images come from. */
  source: DataSource;
  /** HOG computer (default: in chunks, in this thread). */
  hog?: HogComputer;
  /** Where the record goes (none: the record is only returned). */
  store?: RunStore;
  /** Name of the active tfjs backend (recorded). */
  backend: string;
  /** Training engine choice (core's engine rule; default auto). The engine that ran is recorded. */
  engine?: EngineChoice;
  /** Versions of packages and runtime (recorded). */
  versions?: Record<string, string>;
  /** Process id (recorded, to tell an interrupted run from one in progress). Default 0. */
  pid?: number;
}

/** Hooks of a run. */
export interface ExperimentHooks {
  /** Lines such as "data: MNIST …", "evaluating…". */
  onStatus?: (line: string) => void;
  /** The training loop's events (awaited: returning a promise pauses the loop). */
  onEvent?: TrainEventHandler;
  /** The training loop ended (stopped or done); evaluation follows. */
  onLoopEnded?: (stopped: boolean) => void;
  /** Stops data preparation, or training after the current step. */
  signal?: AbortSignal;
  /**
   * Ctrl-C semantics (the CLI): when `signal` stops training, the run is recorded `interrupted`
   * (the model on disk is the last complete epoch's) and `runExperiment` throws InterruptedError
   * instead of evaluating a half-trained model. Without it (the web app's Stop) the stopped model
   * is evaluated and returned.
   */
  interruptWithoutEvaluation?: boolean;
  /** Stored in the record: the command line, and tags such as a sweep id. */
  argv?: string[];
  tags?: Record<string, string>;
}

/** What a finished (or stopped) run produced. */
export interface ExperimentResult {
  plan: ExperimentPlan;
  record: RunRecord;
  /** Where the store put the record (a run folder), if anywhere. */
  location?: string;
  /** The trained model (the caller disposes it). */
  model: tf.Sequential;
  fit: FitResult;
  /** The test set's evaluation pass. */
  evaluation: Evaluation;
  /** Sizes of the splits trained, validated and tested on. */
  counts: { train: number; validation: number; test: number };
}

/** Loads the images a plan needs from the source. */
export function loadSource(plan: ExperimentPlan, source: DataSource): Promise<SourceData> {
  const limit = plan.limit;
  if (plan.dataset.name === 'pneumonia') return source.xrays({ imageSize: plan.pipeline.height, limit });
  return source.mnist(limit ? { train: limit, test: Math.max(1, Math.ceil(limit / 6)) } : undefined);
}

/** Loads and prepares the data of a plan. */
export async function loadExperimentData(
  plan: ExperimentPlan,
  host: Pick<ExperimentHost, 'source' | 'hog'>,
  hooks: Pick<ExperimentHooks, 'onStatus' | 'signal'> = {},
): Promise<TrainingData> {
  const status = hooks.onStatus ?? (() => {});
  const source = await loadSource(plan, host.source);
  hooks.signal?.throwIfAborted();
  status(`data: ${source.description}`);
  return prepareTrainingData(source, {
    pipeline: plan.pipeline,
    classNames: plan.dataset.classNames,
    validationSplit: plan.training.validationSplit,
    valFromTrain: plan.valFromTrain,
    seed: plan.seed,
    classWeights: plan.training.classWeights,
    limit: plan.limit,
    hog: host.hog,
    onStatus: status,
    signal: hooks.signal,
  });
}

/** The record of a run that is about to train. */
export function startRecord(
  plan: ExperimentPlan,
  data: TrainingData,
  model: tf.LayersModel,
  host: ExperimentHost,
  hooks: ExperimentHooks,
  now = new Date(),
): RunRecord {
  const summary = summarizeModel(model);
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    id: makeRunId(plan.model, now),
    status: 'running',
    pid: host.pid ?? 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    config: {
      model: plan.model,
      args: plan.args,
      dataset: plan.dataset.name,
      spec: plan.spec,
      arch: formatSpec({ ...plan.spec, training: undefined }),
      classNames: [...plan.dataset.classNames],
      epochs: plan.training.epochs,
      batchSize: plan.training.batchSize,
      optimizer: plan.training.optimizer,
      loss: plan.training.loss,
      validationSplit: data.validationSource === 'split' ? plan.training.validationSplit : 0,
      seed: plan.seed,
      backend: host.backend,
      classWeights: data.classWeights,
      data: {
        name: data.name,
        files: data.files,
        trainCount: data.train.size,
        validationCount: data.validation?.size ?? 0,
        testCount: data.test.size,
        options: data.options,
      },
      input: plan.pipeline,
      versions: host.versions ?? {},
      argv: hooks.argv,
    },
    summary: {
      totalParams: summary.totalParams,
      trainableParams: summary.trainableParams,
      nonTrainableParams: summary.nonTrainableParams,
      sizeKB: summary.sizeKB,
      rows: summary.rows,
    },
    history: { loss: [], acc: [], val_loss: [], val_acc: [] },
    classBalance: data.classBalance,
    timing: {},
    tags: hooks.tags,
  };
}

/** Runs a planned experiment. */
export async function runExperiment(plan: ExperimentPlan, host: ExperimentHost, hooks: ExperimentHooks = {}): Promise<ExperimentResult> {
  const status = hooks.onStatus ?? (() => {});
  const t0 = performance.now();
  const data = await loadExperimentData(plan, host, hooks);
  hooks.signal?.throwIfAborted();
  const from = { data: "the data's own validation split", stratified: 'a stratified part of the training data', split: 'the last part of the training data' };
  status(
    `split: ${data.train.size} train / ${data.validation?.size ?? 0} validation${data.validationSource ? ` (${from[data.validationSource]})` : ''} / ${data.test.size} test`,
  );
  const model = buildModel(plan.spec, { seed: plan.seed, inputShape: data.train.sampleShape });
  model.setUserDefinedMetadata(experimentMetadata(plan.spec, plan.dataset.classNames, plan.dataset.name, plan.pipeline));
  const record = startRecord(plan, data, model, host, hooks);
  const save = (): string | undefined => host.store?.save(record);
  const location = save();
  if (location) status(`run: ${location}`);
  let epochComplete = false;
  try {
    status(`training on ${data.train.size} samples…`);
    const result = await fit(model, data.train, {
      epochs: plan.training.epochs,
      batchSize: plan.training.batchSize,
      optimizer: { ...plan.training.optimizer },
      loss: plan.training.loss,
      validation: data.validation,
      seed: plan.seed,
      classWeight: data.classWeights,
      signal: hooks.signal,
      engine: host.engine,
      onEvent: async (e) => {
        if (e.type === 'engine') record.engine = { ...e.engine, fallbacks: e.fallbacks };
        if (e.type === 'epoch-begin') epochComplete = false;
        if (e.type === 'batch-end') epochComplete = e.batch === e.stepsPerEpoch - 1;
        // an epoch cut short by a stop is not recorded: the record and the saved model stay at
        // the last complete epoch
        if (e.type === 'epoch-end' && epochComplete) {
          const l = e.logs;
          record.history.loss.push(l.loss);
          record.history.acc.push(l.acc);
          if (l.val_loss !== undefined) record.history.val_loss.push(l.val_loss);
          if (l.val_acc !== undefined) record.history.val_acc.push(l.val_acc);
          if (location && host.store?.saveModel) record.modelDir = await host.store.saveModel(record, model);
          save();
        }
        await hooks.onEvent?.(e);
      },
    });
    hooks.onLoopEnded?.(result.stopped);
    if (result.stopped && hooks.interruptWithoutEvaluation) {
      record.status = 'interrupted';
      record.timing.trainSeconds = result.seconds;
      record.finishedAt = new Date().toISOString();
      record.timing.totalSeconds = (performance.now() - t0) / 1000;
      save();
      model.dispose();
      const epochs = record.history.loss.length;
      const kept = !location
        ? 'no record kept (--no-record)'
        : epochs > 0 && record.modelDir
          ? `the model of epoch ${epochs} saved in ${location}`
          : `no complete epoch, no model saved; record in ${location}`;
      throw new InterruptedError(`interrupted after ${epochs} complete epoch${epochs === 1 ? '' : 's'} of ${plan.training.epochs}: ${kept}`);
    }
    record.timing.trainSeconds = result.seconds;
    record.timing.samplesPerSecond = result.samplesPerSecond;
    const e0 = performance.now();
    status(`evaluating on ${data.test.size} test samples…`);
    const evaluation = await evaluateModel(model, data.test, { batchSize: EVAL_BATCH_SIZE, loss: plan.training.loss });
    record.test = evaluationMetrics(evaluation);
    if (data.validation) {
      record.validation = evaluationMetrics(await evaluateModel(model, data.validation, { batchSize: EVAL_BATCH_SIZE, loss: plan.training.loss }));
    }
    record.timing.evalSeconds = (performance.now() - e0) / 1000;
    if (location && host.store?.saveModel && !result.stopped) record.modelDir = await host.store.saveModel(record, model);
    record.status = result.stopped ? 'interrupted' : 'complete';
    record.finishedAt = new Date().toISOString();
    record.timing.totalSeconds = (performance.now() - t0) / 1000;
    save();
    return {
      plan,
      record,
      location,
      model,
      fit: result,
      evaluation,
      counts: { train: data.train.size, validation: data.validation?.size ?? 0, test: data.test.size },
    };
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    record.status = 'failed';
    record.error = err instanceof Error ? err.message : String(err);
    record.finishedAt = new Date().toISOString();
    save();
    model.dispose();
    throw err;
  }
}
