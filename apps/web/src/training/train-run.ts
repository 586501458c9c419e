/**
 * One browser training run, end to end, as `nnlab train` does it: load the data, build the zoo
 * model with the chosen settings, `fit` with progress events and a stop signal, then evaluate the
 * test set in one unshuffled pass and compute the run's metrics. No DOM here: the Train page
 * renders the events.
 */
import { evaluateModel, fit, type Evaluation, type History, type StepEngine, type TrainEventHandler } from '@nnlab/core';
import { getZooEntry, type ZooArgs, type ZooEntry } from '@nnlab/models';
import { evaluationMetrics, inputPipelineFor, type BinaryEvaluation, type InputPipeline, type MulticlassEvaluation } from '@nnlab/experiments';
import { loadTrainingData } from '../data/training-data';
import type { LayersModel } from '../models/layers-model';
import type { TrainSettings } from './train-settings';

/** Hooks of a run. */
export interface TrainRunHooks {
  /** Lines such as "downloading MNIST…", "evaluating…". */
  onStatus?: (line: string) => void;
  /** The training loop's events (awaited: returning a promise pauses the loop). */
  onEvent?: TrainEventHandler;
  /** Stops data preparation, or training after the current step. */
  signal?: AbortSignal;
}

/** What a finished (or stopped) run produced. */
export interface TrainRunResult {
  entry: ZooEntry;
  settings: TrainSettings;
  model: LayersModel;
  pipeline: InputPipeline;
  history: History;
  stopped: boolean;
  trainSeconds: number;
  samplesPerSecond: number;
  /** How the steps ran: nnlab's fused dense trainer (MLPs on wasm) or tfjs' kernels. */
  stepEngine: StepEngine;
  dataName: string;
  counts: { train: number; validation: number; test: number };
  classNames: string[];
  evaluation: Evaluation;
  metrics: MulticlassEvaluation | BinaryEvaluation;
}

/** Runs training with `settings`. */
export async function trainRun(settings: TrainSettings, hooks: TrainRunHooks = {}): Promise<TrainRunResult> {
  const entry = getZooEntry(settings.zooId);
  const course = entry.course;
  const status = hooks.onStatus ?? (() => {});
  const pipeline = inputPipelineFor(entry, { imageSize: settings.imageSize });
  status('loading data…');
  const data = await loadTrainingData(entry, pipeline, {
    limit: settings.limit,
    validationSplit: settings.validationSplit,
    useClassWeights: course.classWeights,
    onStatus: status,
    signal: hooks.signal,
  });
  hooks.signal?.throwIfAborted();
  const args: ZooArgs = { seed: settings.seed, hidden: settings.hidden, activation: settings.activation, inputSize: data.inputSize, imageSize: settings.imageSize };
  const model = entry.build(args);
  try {
    status(`training on ${data.train.size} ${data.name} images…`);
    const result = await fit(model, data.train, {
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      optimizer: { name: settings.optimizer, learningRate: settings.learningRate },
      loss: course.loss,
      validation: data.validation,
      seed: settings.seed,
      classWeight: data.classWeights,
      onEvent: hooks.onEvent,
      signal: hooks.signal,
    });
    status(`evaluating on ${data.test.size} test images…`);
    const evaluation = await evaluateModel(model, data.test, { loss: course.loss });
    return {
      entry,
      settings,
      model,
      pipeline,
      history: result.history,
      stopped: result.stopped,
      trainSeconds: result.seconds,
      samplesPerSecond: result.samplesPerSecond,
      stepEngine: result.stepEngine,
      dataName: data.name,
      counts: { train: data.train.size, validation: data.validation?.size ?? 0, test: data.test.size },
      classNames: data.classNames,
      evaluation,
      metrics: evaluationMetrics(evaluation),
    };
  } catch (err) {
    model.dispose();
    throw err;
  }
}
