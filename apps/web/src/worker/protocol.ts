/**
 * Messages between the Train page and the training worker. Everything is structured-cloneable:
 * the experiment goes as its request (a zoo model with knobs, or a spec), the trained model comes
 * back as its tfjs files (`model.json` text + the weights' bytes) with the run record.
 */
import type { BackendName, ModelFiles, StepEngine, TrainEvent } from '@nnlab/core';
import type { ExperimentRequest, InputPipeline, RunRecord } from '@nnlab/experiments';

/** Page → worker. */
export type ToWorker = { type: 'start'; runId: number; request: ExperimentRequest; backend: BackendName; assetBase: string } | { type: 'stop'; runId: number };

/** The backend the worker trains on, and why when it is not the page's. */
export interface WorkerBackend {
  name: BackendName;
  threads?: number;
  /** Set when the page's backend could not start in the worker. */
  fallback?: string;
}

/** What a finished (or stopped) run sends back. */
export interface WorkerRunResult {
  /** The run record (config, history, test and validation metrics, timing). */
  record: RunRecord;
  /** The zoo id when the architecture is a zoo model. */
  zooId?: string;
  pipeline: InputPipeline;
  classNames: string[];
  stopped: boolean;
  stepEngine: StepEngine;
  counts: { train: number; validation: number; test: number };
  /** Test labels and model outputs (size × outputSize), for the ROC and the threshold control. */
  test: { labels: Int32Array; predictions: Float32Array; outputSize: number };
  backend: WorkerBackend;
  files: ModelFiles;
}

/** Worker → page. */
export type FromWorker =
  | { type: 'backend'; runId: number; backend: WorkerBackend }
  | { type: 'status'; runId: number; line: string }
  | { type: 'event'; runId: number; event: TrainEvent }
  /** The worker received a stop request and signalled the run to stop. */
  | { type: 'stop-ack'; runId: number }
  /** The training loop ended (stopped or done); evaluation follows. */
  | { type: 'loop-ended'; runId: number; stopped: boolean }
  | { type: 'result'; runId: number; result: WorkerRunResult }
  | { type: 'error'; runId: number; message: string; kind: 'data' | 'aborted' | 'other' };
