/**
 * The training loop: seeded per-epoch shuffling, batches copied once into a reused buffer,
 * optimizer step, running loss/accuracy, validation at the end of each epoch, class weights, NaN
 * detection, and a stop signal. Events go to `onEvent` (see `progress.ts`).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from './dataset';
import { shapeSize } from './dataset';
import { InvalidOptionError, TrainingError } from './errors';
import { evaluateModel } from './evaluate';
import { fusedDenseTrainerOrReason } from './kernels/fused-dense-trainer';
import { getLoss, type LossName } from './losses';
import { createOptimizer, type OptimizerName, type OptimizerOptions } from './optimizers';
import type { EpochLogs, History, TrainEventHandler } from './progress';
import { createRng, range, shuffleInPlace } from './random';

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
   * On wasm, train stacks of Dense layers (MLPs) through nnlab's fused dense trainer
   * (kernels/fused-dense-trainer.ts: same math, one pass per step instead of ~100 tfjs kernels).
   * Default true; false always uses tfjs' op-by-op autodiff.
   */
  fusedDense?: boolean;
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
  /** How the steps ran: 'fused-dense' (nnlab's dense trainer on wasm) or 'tfjs' (autodiff). */
  stepEngine: StepEngine;
  /** Why the fused dense trainer was not used (absent when it was, or when it was turned off). */
  fusedDenseReason?: string;
}

/** How `fit` computed its training steps. */
export type StepEngine = 'fused-dense' | 'tfjs';

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
  const sampleSize = shapeSize(train.sampleShape);
  const lossName: LossName = options.loss ?? (targetSize === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy');
  const lossFn = getLoss(lossName);
  const given = options.optimizer;
  const optimizer = isTfOptimizer(given) ? given : createOptimizer(given ?? 'rmsprop');
  const classWeight = options.classWeight;
  if (classWeight) {
    const needed = targetSize === 1 ? 2 : targetSize;
    if (classWeight.length < needed || classWeight.some((w) => !(Number.isFinite(w) && w >= 0))) {
      throw new InvalidOptionError(`classWeight must give ${needed} non-negative weights, got [${classWeight.join(', ')}]`);
    }
  }
  const emit = async (e: Parameters<TrainEventHandler>[0]) => {
    if (options.onEvent) await options.onEvent(e);
  };

  const rng = createRng(options.seed ?? 0);
  const order = range(train.size);
  const stepsPerEpoch = Math.ceil(train.size / batchSize);
  const bufN = Math.min(batchSize, train.size);
  const xBuf = new Float32Array(bufN * sampleSize);
  const yBuf = new Float32Array(bufN * targetSize);
  const wBuf = new Float32Array(bufN);
  const pBuf = new Float32Array(bufN * targetSize);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const fusedOrReason = (options.fusedDense ?? true) ? fusedDenseTrainerOrReason(model, optimizer, lossName, bufN) : undefined;
  const fused = typeof fusedOrReason === 'string' ? null : (fusedOrReason ?? null);
  const fusedDenseReason = typeof fusedOrReason === 'string' ? fusedOrReason : null;
  try {
    return await trainLoop();
  } finally {
    fused?.dispose();
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
    for (let epoch = 0; epoch < epochs && !stopped; epoch++) {
      await emit({ type: 'epoch-begin', epoch, epochs });
      if (options.shuffle ?? true) shuffleInPlace(order, rng);
      const e0 = now();
      let lossSum = 0;
      let hitSum = 0;
      let seen = 0;
      for (let step = 0; step < stepsPerEpoch; step++) {
        if (options.signal?.aborted) {
          stopped = true;
          break;
        }
        const start = step * batchSize;
        const n = Math.min(batchSize, train.size - start);
        await train.read(order.subarray(start, start + n), xBuf, yBuf);
        if (classWeight) fillSampleWeights(yBuf, n, targetSize, classWeight, wBuf);
        let loss: number;
        let hits: number;
        if (fused) {
          loss = fused.step(xBuf, yBuf, classWeight ? wBuf : undefined, n, pBuf);
          hits = countHits(yBuf, pBuf, n, targetSize);
        } else {
          const [lossT, predT] = trainStep(model, optimizer, vars, lossFn, xBuf, yBuf, wBuf, n, train.sampleShape, targetSize, !!classWeight);
          const [lv, pv] = await Promise.all([lossT.data(), predT.data()]);
          lossT.dispose();
          predT.dispose();
          loss = lv[0];
          hits = countHits(yBuf, pv as Float32Array, n, targetSize);
        }
        if (!Number.isFinite(loss)) {
          throw new TrainingError(
            `loss became ${loss} at epoch ${epoch + 1}, step ${step + 1}: training diverged (try a lower learning rate) or the inputs contain NaN/Inf`,
          );
        }
        lossSum += loss * n;
        hitSum += hits;
        seen += n;
        await emit({ type: 'batch-end', epoch, epochs, batch: step, stepsPerEpoch, loss: lossSum / seen, acc: hitSum / seen, elapsedMs: now() - e0 });
      }
      trainMs += now() - e0;
      trainSamples += seen;
      if (seen === 0) break;
      const logs: EpochLogs = { loss: lossSum / seen, acc: hitSum / seen };
      if (options.validation && options.validation.size > 0) {
        await emit({ type: 'validation-begin', epoch, samples: options.validation.size });
        const ev = await evaluateModel(model, options.validation, { batchSize: Math.max(batchSize, 256), loss: lossName });
        logs.val_loss = ev.loss;
        logs.val_acc = ev.accuracy;
        history.val_loss.push(ev.loss);
        history.val_acc.push(ev.accuracy);
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
      stepEngine: fused ? 'fused-dense' : 'tfjs',
      ...(fusedDenseReason ? { fusedDenseReason } : {}),
    };
  }
}

function isTfOptimizer(o: FitOptions['optimizer']): o is tf.Optimizer {
  return typeof o === 'object' && o !== null && typeof (o as tf.Optimizer).minimize === 'function';
}

function fillSampleWeights(y: Float32Array, n: number, targetSize: number, classWeight: readonly number[], w: Float32Array): void {
  for (let i = 0; i < n; i++) {
    let label = 0;
    if (targetSize === 1) label = y[i] >= 0.5 ? 1 : 0;
    else {
      let best = y[i * targetSize];
      for (let k = 1; k < targetSize; k++) {
        if (y[i * targetSize + k] > best) {
          best = y[i * targetSize + k];
          label = k;
        }
      }
    }
    w[i] = classWeight[label];
  }
}

/** One optimizer step; returns the batch loss (weighted mean) and the batch's predictions. */
function trainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  vars: tf.Variable[],
  lossFn: (y: tf.Tensor, p: tf.Tensor) => tf.Tensor1D,
  xBuf: Float32Array,
  yBuf: Float32Array,
  wBuf: Float32Array,
  n: number,
  sampleShape: readonly number[],
  targetSize: number,
  weighted: boolean,
): [tf.Scalar, tf.Tensor] {
  return tf.tidy(() => {
    const x = tf.tensor(xBuf.subarray(0, n * shapeSize(sampleShape)), [n, ...sampleShape]);
    const y = tf.tensor(yBuf.subarray(0, n * targetSize), [n, targetSize]);
    const w = weighted ? tf.tensor1d(wBuf.subarray(0, n)) : undefined;
    let pred: tf.Tensor | undefined;
    const loss = optimizer.minimize(
      () => {
        const p = model.apply(x, { training: true }) as tf.Tensor;
        pred = tf.keep(p);
        const perSample = lossFn(y, p);
        return (w ? tf.mean(tf.mul(perSample, w)) : tf.mean(perSample)) as tf.Scalar;
      },
      true,
      vars,
    ) as tf.Scalar;
    return [loss, pred!];
  });
}

/**
 * Correct predictions in a batch, counted in JS from the outputs the step already computed (one
 * read of batch × classes floats instead of five more kernels per step).
 */
function countHits(y: Float32Array, p: Float32Array, n: number, targetSize: number): number {
  let hits = 0;
  if (targetSize === 1) {
    for (let i = 0; i < n; i++) if (p[i] >= 0.5 === y[i] >= 0.5) hits++;
    return hits;
  }
  for (let i = 0; i < n; i++) {
    const o = i * targetSize;
    let bp = 0;
    let by = 0;
    for (let k = 1; k < targetSize; k++) {
      if (p[o + k] > p[o + bp]) bp = k;
      if (y[o + k] > y[o + by]) by = k;
    }
    if (bp === by) hits++;
  }
  return hits;
}
