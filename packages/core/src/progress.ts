/**
 * Typed progress events of the training loop. Hosts render them: the CLI as a progress bar on
 * stderr, the web app as live charts.
 */

import type { EngineFallback, EngineInfo } from './engines/engine';

/** Per-epoch metrics, Keras names. */
export interface EpochLogs {
  loss: number;
  acc: number;
  val_loss?: number;
  val_acc?: number;
}

/** Metrics per epoch, Keras `History.history` layout. */
export interface History {
  loss: number[];
  acc: number[];
  val_loss: number[];
  val_acc: number[];
}

export type TrainEvent =
  | { type: 'train-begin'; epochs: number; stepsPerEpoch: number; samples: number; validationSamples: number }
  /** Which engine trains, and the engines tried before it with their reasons. */
  | { type: 'engine'; engine: EngineInfo; fallbacks: EngineFallback[] }
  | { type: 'epoch-begin'; epoch: number; epochs: number }
  | {
      type: 'batch-end';
      epoch: number;
      epochs: number;
      /** 0-based index of the step that just finished. */
      batch: number;
      stepsPerEpoch: number;
      /** Running mean over the epoch so far. */
      loss: number;
      acc: number;
      /** Milliseconds since the epoch began. */
      elapsedMs: number;
    }
  | { type: 'validation-begin'; epoch: number; samples: number }
  | { type: 'epoch-end'; epoch: number; epochs: number; logs: EpochLogs; elapsedMs: number }
  | { type: 'train-end'; history: History; stopped: boolean; elapsedMs: number };

/** Receives training events. Returning a promise makes the loop wait for it. */
export type TrainEventHandler = (event: TrainEvent) => void | Promise<void>;
