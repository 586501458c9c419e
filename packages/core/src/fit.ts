/**
 * The training loop: seeded per-epoch shuffling, one engine step per batch (the engine is picked
 * by the one rule in engines/choose-engine.ts), running loss/accuracy, weights synced back from
 * the engine at every epoch end (before validation and callbacks) and on stop, validation,
 * class weights, NaN detection, a stop signal, and a yield to the event loop at least every
 * ~20 ms of work so Ctrl-C and Stop handlers run. Events go to `onEvent` (see `progress.ts`).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from './dataset';
import { shapeSize } from './dataset';
import { InterruptedError, InvalidOptionError, TrainingError } from './errors';
import { evaluateModel } from './evaluate';
import { chooseEngine, checkEngineChoice } from './engines/choose-engine';
import type { EngineChoice, EngineFallback, EngineInfo, EngineName } from './engines/engine';
import type { LossName } from './losses';
import { createOptimizer, type OptimizerName, type OptimizerOptions } from './optimizers';
import type { EpochLogs, History, TrainEventHandler } from './progress';
import { createRng, range, shuffleInPlace } from './random';
import { EventLoopYielder } from './yield-to-event-loop';

/** Options of `fit`. */
export interface FitOptions {
  /** Passes over the training data. Default 1. */
  epochs?: number;
  /** Samples per optimizer step. Default 32 (Keras). */
  batchSize?: number;
  /** Optimizer name/options (Keras defaults) or a ready tfjs optimizer. Default 'rmsprop'. */
  optimizer?: OptimizerName | OptimizerOptions | tf.Optimizer;
  /** Loss. Default: binary for a one-unit output, categorical otherwise. */
  loss?: LossName;
  /** Evaluated at the end of every epoch. */
  validation?: Dataset;
  /** Seed of the shuffling order. Default 0. */
  seed?: number;
  /** Shuffle every epoch. Default true. */
  shuffle?: boolean;
  /** Per-class loss weights (Keras `class_weight`), indexed by label. */
  classWeight?: readonly number[];
  /** Receives progress events. */
  onEvent?: TrainEventHandler;
  /** Stops training after the current step when aborted (the history so far is returned). */
  signal?: AbortSignal;
  /**
   * Which engine computes the steps (engines/choose-engine.ts): 'auto' (default) = native when
   * registered and the model fits, else the fused dense trainer for Dense stacks on wasm, else
   * tfjs' op-by-op autodiff; 'native', 'wasm' (fused-dense, else tfjs) or 'tfjs' narrow the list.
   */
  engine?: EngineChoice;
  /** false skips the fused dense trainer (engines/fused-dense/). Default true. */
  fusedDense?: boolean;
  /** Threads for engines that choose their own (native); default: the engine's rule. */
  threads?: number;
}

/** What `fit` returns. */
export interface FitResult {
  history: History;
  /** True when `signal` stopped training early. */
  stopped: boolean;
  /** Wall time of the whole loop, validation included, in seconds. */
  seconds: number;
  /** Training samples processed per second (validation excluded). */
  samplesPerSecond: number;
  /** The engine that ran the steps, with its threads and ISA where known. */
  engine: EngineInfo;
  /** Engines tried before it, each with the reason it was not used. */
  engineFallbacks: EngineFallback[];
  /** The engine's name ('native', 'fused-dense' or 'tfjs'), as `engine.name`. */
  stepEngine: StepEngine;
  /** Why the fused dense trainer was not used (absent when it was, or when it was not tried). */
  fusedDenseReason?: string;
}

/** How `fit` computed its training steps. */
export type StepEngine = EngineName;

export const DEFAULT_BATCH_SIZE = 32;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Trains `model` on `train`. */
export async function fit(model: tf.LayersModel, train: Dataset, options: FitOptions = {}): Promise<FitResult> {
  const epochs = options.epochs ?? 1;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new InvalidOptionError(`epochs must be a positive integer, got ${epochs}`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new InvalidOptionError(`batchSize must be a positive integer, got ${batchSize}`);
  if (train.size === 0) throw new InvalidOptionError('fit: the training set is empty');
  const targetSize = shapeSize(train.targetShape);
  const lossName: LossName = options.loss ?? (targetSize === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy');
  const given = options.optimizer;
  const optimizer = isTfOptimizer(given) ? given : createOptimizer(given ?? 'rmsprop');
  const classWeight = options.classWeight;
  if (classWeight) {
    const needed = targetSize === 1 ? 2 : targetSize;
    if (classWeight.length < needed || classWeight.some((w) => !(Number.isFinite(w) && w >= 0))) {
      throw new InvalidOptionError(`classWeight must give ${needed} non-negative weights, got [${classWeight.join(', ')}]`);
    }
  }
  const choice = options.engine ?? 'auto';
  checkEngineChoice(choice);
  const emit = async (e: Parameters<TrainEventHandler>[0]) => {
    if (options.onEvent) await options.onEvent(e);
  };

  const rng = createRng(options.seed ?? 0);
  const order = range(train.size);
  const stepsPerEpoch = Math.ceil(train.size / batchSize);
  let selection;
  try {
    selection = await chooseEngine(
      choice,
      { model, optimizer, loss: lossName, train, maxBatch: Math.min(batchSize, train.size), classWeight, seed: options.seed ?? 0, threads: options.threads },
      options.fusedDense === false ? ['fused-dense'] : [],
    );
  } catch (e) {
    if (optimizer !== given) optimizer.dispose();
    throw e;
  }
  const { engine, fallbacks } = selection;
  const fusedDenseReason = fallbacks.find((f) => f.engine === 'fused-dense')?.reason;
  try {
    return await trainLoop();
  } finally {
    engine.dispose();
    // An optimizer made here from a name is nobody else's: free its slot variables.
    if (optimizer !== given) optimizer.dispose();
  }

  async function trainLoop(): Promise<FitResult> {
    const history: History = { loss: [], acc: [], val_loss: [], val_acc: [] };
    let stopped = false;
    let trainMs = 0;
    let trainSamples = 0;
    const t0 = now();

    await emit({ type: 'train-begin', epochs, stepsPerEpoch, samples: train.size, validationSamples: options.validation?.size ?? 0 });
    await emit({ type: 'engine', engine: engine.info, fallbacks });
    const yielder = new EventLoopYielder();
    for (let epoch = 0; epoch < epochs && !stopped; epoch++) {
      await emit({ type: 'epoch-begin', epoch, epochs });
      if (options.shuffle ?? true) shuffleInPlace(order, rng);
      const e0 = now();
      let lossSum = 0;
      let hitSum = 0;
      let seen = 0;
      for (let step = 0; step < stepsPerEpoch; step++) {
        if (yielder.due()) await yielder.yield();
        if (options.signal?.aborted) {
          stopped = true;
          break;
        }
        const start = step * batchSize;
        const n = Math.min(batchSize, train.size - start);
        const { loss, hits } = await engine.step(order.subarray(start, start + n));
        if (!Number.isFinite(loss)) {
          await engine.sync();
          throw new TrainingError(
            `loss became ${loss} at epoch ${epoch + 1}, step ${step + 1}: training diverged (try a lower learning rate) or the inputs contain NaN/Inf`,
          );
        }
        lossSum += loss * n;
        hitSum += hits;
        seen += n;
        await emit({ type: 'batch-end', epoch, epochs, batch: step, stepsPerEpoch, loss: lossSum / seen, acc: hitSum / seen, elapsedMs: now() - e0 });
      }
      // The model's variables are the truth outside the steps: validation, callbacks and saves see them.
      await engine.sync();
      trainMs += now() - e0;
      trainSamples += seen;
      if (seen === 0) break;
      const logs: EpochLogs = { loss: lossSum / seen, acc: hitSum / seen };
      // A stopped epoch is not validated: Stop ends the loop now (the caller evaluates the model so far).
      if (options.validation && options.validation.size > 0 && !stopped) {
        await emit({ type: 'validation-begin', epoch, samples: options.validation.size });
        const ev = await evaluateModel(model, options.validation, {
          batchSize: Math.max(batchSize, 256),
          loss: lossName,
          engine: choice === 'wasm' ? 'tfjs' : choice,
          predictor: engine.predictor?.(),
          signal: options.signal,
        }).catch((err: unknown) => {
          if (err instanceof InterruptedError && options.signal?.aborted) return undefined;
          throw err;
        });
        if (ev) {
          logs.val_loss = ev.loss;
          logs.val_acc = ev.accuracy;
          history.val_loss.push(ev.loss);
          history.val_acc.push(ev.accuracy);
        } else stopped = true;
      }
      history.loss.push(logs.loss);
      history.acc.push(logs.acc);
      await emit({ type: 'epoch-end', epoch, epochs, logs, elapsedMs: now() - e0 });
    }
    const seconds = (now() - t0) / 1000;
    await emit({ type: 'train-end', history, stopped, elapsedMs: seconds * 1000 });
    return {
      history,
      stopped,
      seconds,
      samplesPerSecond: trainMs > 0 ? trainSamples / (trainMs / 1000) : 0,
      engine: engine.info,
      engineFallbacks: fallbacks,
      stepEngine: engine.info.name,
      ...(fusedDenseReason ? { fusedDenseReason } : {}),
    };
  }
}

function isTfOptimizer(o: FitOptions['optimizer']): o is tf.Optimizer {
  return typeof o === 'object' && o !== null && typeof (o as tf.Optimizer).minimize === 'function';
}
