/**
 * The page's side of the training worker: starts it once (lazily), sends a run's settings and
 * backend, routes the worker's messages to the run's hooks, stops a run, and turns the trained
 * model's files back into a model of the page.
 */
import { modelFromFiles, type BackendName, type TrainEvent } from '@nnlab/core';
import type { LayersModel } from '../models/layers-model';
import type { FromWorker, ToWorker, WorkerBackend, WorkerRunResult } from '../worker/protocol';
import type { ExperimentRequest } from '@nnlab/experiments';
import type { RunSummary } from '../storage/saved-models';

/** Hooks of one run. */
export interface WorkerRunHooks {
  onBackend?: (b: WorkerBackend) => void;
  onStatus?: (line: string) => void;
  onEvent?: (e: TrainEvent) => void;
  /** The worker received the stop request. */
  onStopAck?: () => void;
  /** The training loop ended (stopped or done); evaluation follows. */
  onLoopEnded?: (stopped: boolean) => void;
}

/** A failed run: `kind` 'data' when a data file could not be downloaded intact, 'aborted' when stopped before training. */
export class WorkerRunError extends Error {
  constructor(
    message: string,
    readonly kind: 'data' | 'aborted' | 'other',
  ) {
    super(message);
    this.name = 'WorkerRunError';
  }
}

/** One worker for the page's training runs. */
export class TrainWorkerClient {
  private worker?: Worker;
  private nextId = 1;
  private runs = new Map<number, { hooks: WorkerRunHooks; resolve: (r: WorkerRunResult) => void; reject: (e: Error) => void }>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../worker/train-worker.ts', import.meta.url), { type: 'module', name: 'nnlab-training' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    worker.onerror = (e) => {
      const message = `the training worker failed: ${e.message || 'script error'}`;
      for (const r of this.runs.values()) r.reject(new WorkerRunError(message, 'other'));
      this.runs.clear();
      this.worker?.terminate();
      this.worker = undefined;
    };
    this.worker = worker;
    return worker;
  }

  private receive(m: FromWorker): void {
    const run = this.runs.get(m.runId);
    if (!run) return;
    switch (m.type) {
      case 'backend':
        run.hooks.onBackend?.(m.backend);
        return;
      case 'status':
        run.hooks.onStatus?.(m.line);
        return;
      case 'event':
        run.hooks.onEvent?.(m.event);
        return;
      case 'stop-ack':
        run.hooks.onStopAck?.();
        return;
      case 'loop-ended':
        run.hooks.onLoopEnded?.(m.stopped);
        return;
      case 'result':
        this.runs.delete(m.runId);
        run.resolve(m.result);
        return;
      case 'error':
        this.runs.delete(m.runId);
        run.reject(new WorkerRunError(m.message, m.kind));
        return;
    }
  }

  /** Starts a run; resolves with its result. Returns the run id for `stop`. */
  start(request: ExperimentRequest, backend: BackendName, hooks: WorkerRunHooks): { runId: number; done: Promise<WorkerRunResult> } {
    const runId = this.nextId++;
    const done = new Promise<WorkerRunResult>((resolve, reject) => this.runs.set(runId, { hooks, resolve, reject }));
    const msg: ToWorker = { type: 'start', runId, request, backend, assetBase: document.baseURI };
    this.ensure().postMessage(msg);
    return { runId, done };
  }

  /** Asks the worker to stop a run after its current step. */
  stop(runId: number): void {
    const msg: ToWorker = { type: 'stop', runId };
    this.worker?.postMessage(msg);
  }
}

/** The trained model in the page (on the page's backend), from the worker's files. */
export function modelFromRun(r: WorkerRunResult): Promise<LayersModel> {
  return modelFromFiles(r.files, `${r.record.config.model} trained in the worker`);
}

/** What the page keeps of a run (binary models: the test scores for the threshold control). */
export function runSummaryOf(r: WorkerRunResult): RunSummary {
  const binary = r.test.outputSize === 1;
  return {
    record: r.record,
    origin: 'browser',
    stepEngine: r.stepEngine,
    threads: r.backend.threads,
    testScores: binary ? { labels: Array.from(r.test.labels), scores: Array.from(r.test.predictions) } : undefined,
  };
}
