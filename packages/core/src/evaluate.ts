/**
 * Evaluation in ONE unshuffled pass: predictions and targets come out in dataset order, together,
 * so they can never be mismatched (a pitfall of the course's notebook).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from './dataset';
import { shapeSize } from './dataset';
import { InterruptedError, InvalidOptionError } from './errors';
import { EventLoopYielder } from './yield-to-event-loop';
import { choosePredictor } from './engines/choose-engine';
import type { EngineChoice, EngineInfo, Predictor } from './engines/engine';
import { getLoss, type LossName } from './losses';

/** Options of `evaluateModel`. */
export interface EvaluateOptions {
  /** Samples per forward pass. Default 256. */
  batchSize?: number;
  /** Loss to report. Default: binary for one output unit, categorical otherwise. */
  loss?: LossName;
  /** Engine for the forward passes (engines/choose-engine.ts): 'auto' (default) runs on the native engine when registered and the model fits, else on tfjs. */
  engine?: EngineChoice;
  /**
   * Stops the pass between batches (throws `InterruptedError`); with a signal the pass also yields
   * to the event loop regularly, so a stop request (a worker message, Ctrl-C) can arrive.
   */
  signal?: AbortSignal;
  /**
   * Runs the forward passes on this predictor (a training engine's own, during fit) instead of
   * choosing one by `engine`; the caller keeps it (it is not disposed here).
   */
  predictor?: Predictor;
}

/** What `evaluateModel` returns. */
export interface Evaluation {
  /** Mean loss over all samples (unweighted). */
  loss: number;
  /** Accuracy (argmax for several outputs, threshold 0.5 for one). */
  accuracy: number;
  /** Model outputs, size × outputSize, in dataset order. */
  predictions: Float32Array;
  /** Targets, size × outputSize, in dataset order. */
  targets: Float32Array;
  /** Integer labels, in dataset order. */
  labels: Int32Array;
  /** Units in the output layer (1 = binary sigmoid). */
  outputSize: number;
  /** The engine that ran the forward passes ('tfjs' when tfjs' own predict did). */
  engine?: EngineInfo;
}

export const DEFAULT_EVAL_BATCH_SIZE = 256;

/** Runs the model over the whole dataset in order. */
export async function evaluateModel(model: tf.LayersModel, data: Dataset, options: EvaluateOptions = {}): Promise<Evaluation> {
  const batchSize = options.batchSize ?? DEFAULT_EVAL_BATCH_SIZE;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new InvalidOptionError(`batchSize must be a positive integer, got ${batchSize}`);
  if (data.size === 0) throw new InvalidOptionError('evaluateModel: the dataset is empty');
  const outputSize = shapeSize(data.targetShape);
  const lossName: LossName = options.loss ?? (outputSize === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy');
  const lossFn = getLoss(lossName);
  const sampleSize = shapeSize(data.sampleShape);
  const predictions = new Float32Array(data.size * outputSize);
  const targets = new Float32Array(data.size * outputSize);
  const xBuf = new Float32Array(Math.min(batchSize, data.size) * sampleSize);
  const idx = new Int32Array(Math.min(batchSize, data.size));
  const predictor = options.predictor ?? choosePredictor(options.engine ?? 'auto', model, Math.min(batchSize, data.size)).predictor;
  try {
    const lossSum = await forwardAll();
    return summarize(lossSum);
  } finally {
    if (predictor !== options.predictor) predictor?.dispose();
  }

  async function forwardAll(): Promise<number> {
    let lossSum = 0;
    const yielder = options.signal ? new EventLoopYielder() : undefined;
    for (let start = 0; start < data.size; start += batchSize) {
      if (yielder) {
        if (yielder.due()) await yielder.yield();
        if (options.signal?.aborted) throw new InterruptedError('evaluation stopped');
      }
      const n = Math.min(batchSize, data.size - start);
      for (let k = 0; k < n; k++) idx[k] = start + k;
      const yView = targets.subarray(start * outputSize, (start + n) * outputSize);
      await data.read(idx.subarray(0, n), xBuf, yView);
      const nativeOut = predictor ? predictions.subarray(start * outputSize, (start + n) * outputSize) : null;
      if (predictor && nativeOut) predictor.predict(xBuf.subarray(0, n * sampleSize), n, nativeOut);
      const [pred, loss] = tf.tidy(() => {
        const x = tf.tensor(xBuf.subarray(0, n * sampleSize), [n, ...data.sampleShape]);
        const p = nativeOut ? tf.tensor(nativeOut, [n, outputSize]) : (model.predict(x) as tf.Tensor);
        const y = tf.tensor(yView, [n, outputSize]);
        return [p, tf.sum(lossFn(y, p))];
      });
      const [pv, lv] = await Promise.all([pred.data(), loss.data()]);
      pred.dispose();
      loss.dispose();
      if (pv.length !== n * outputSize) {
        throw new InvalidOptionError(`evaluateModel: model outputs ${pv.length / n} values per sample but targets have ${outputSize}`);
      }
      predictions.set(pv as Float32Array, start * outputSize);
      lossSum += lv[0];
    }
    return lossSum;
  }

  function summarize(lossSum: number): Evaluation {
    const labels = new Int32Array(data.size);
    let hits = 0;
    for (let i = 0; i < data.size; i++) {
      let label: number;
      let predicted: number;
      if (outputSize === 1) {
        label = targets[i] >= 0.5 ? 1 : 0;
        predicted = predictions[i] >= 0.5 ? 1 : 0;
      } else {
        label = argmaxAt(targets, i * outputSize, outputSize);
        predicted = argmaxAt(predictions, i * outputSize, outputSize);
      }
      labels[i] = label;
      if (label === predicted) hits++;
    }
    return { loss: lossSum / data.size, accuracy: hits / data.size, predictions, targets, labels, outputSize, engine: predictor?.info ?? { name: 'tfjs' } };
  }
}

function argmaxAt(a: Float32Array, offset: number, n: number): number {
  let best = 0;
  let bestV = a[offset];
  for (let k = 1; k < n; k++) {
    const v = a[offset + k];
    if (v > bestV) {
      bestV = v;
      best = k;
    }
  }
  return best;
}
