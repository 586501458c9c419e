/**
 * The training worker: one run at a time, off the page's main thread — data download and
 * preparation, `fit` with validation, test evaluation and metrics all happen here; the page only
 * renders the events this posts. It starts the page's backend (wasm with threads; WebGPU and WebGL
 * where the browser offers them in workers), falling back to wasm, then cpu, and says so.
 *
 * Stop: `fit` yields to the event loop regularly, so the 'stop' message is handled between steps;
 * batch events are thinned to one per PROGRESS_INTERVAL_MS (and the last step of each epoch).
 */
import { activeBackendName, modelToFiles, registerBrowserBackends, type BackendName, type TrainEvent } from '@nnlab/core';
import { ChecksumError, PNEUMONIAMNIST_FILE_NAME } from '@nnlab/datasets';
import { bytesDataSource, planExperiment, runExperiment } from '@nnlab/experiments';
import { activateBackend } from '../backend/backend-choice';
import { assetUrl, setAssetBase } from '../data/asset-url';
import { FetchError } from '../data/fetch-bytes';
import { fetchMnistBytes } from '../data/mnist-source';
import { fetchPneumoniaBytes } from '../data/pneumonia-source';
import { explainTrainingError } from '../training/explain-training-error';
import { formatMB } from '../util/format';
import { Throttle } from '../util/throttle';
import type { FromWorker, ToWorker, WorkerBackend } from './protocol';

/** Batch events posted at most this often. */
export const PROGRESS_INTERVAL_MS = 200;

const scope = self as unknown as { postMessage(m: FromWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

let registered = false;
let current: { runId: number; abort: AbortController } | undefined;
let activeBackend: WorkerBackend | undefined;

/** Starts `wanted`, else wasm, else cpu; says why when it is not the one asked for. */
async function startBackend(wanted: BackendName): Promise<WorkerBackend> {
  if (!registered) {
    registerBrowserBackends({ wasmPaths: assetUrl('tfjs-wasm/') });
    registered = true;
  }
  if (activeBackend?.name === wanted && activeBackendName() === wanted) return activeBackend;
  const failures: string[] = [];
  for (const name of [wanted, 'wasm', 'cpu'] as BackendName[]) {
    if (name !== wanted && failures.length === 0) continue;
    if (failures.some((f) => f.startsWith(`${name}:`))) continue;
    try {
      const a = await activateBackend(name);
      activeBackend = { name, threads: a.threads, fallback: failures.length ? `${failures.join('; ')} — in the worker` : undefined };
      return activeBackend;
    } catch (err) {
      failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new Error(`no backend started in the training worker: ${failures.join('; ')}`);
}

/** The app's data files, fetched and verified here in the worker, with download progress lines. */
function dataSource(status: (line: string) => void) {
  const progress = (what: string) => (loaded: number, total: number) =>
    status(`downloading ${what}: ${formatMB(loaded)}${total ? ` of ${formatMB(total)}` : ''}`);
  return bytesDataSource(
    {
      mnist: () => fetchMnistBytes(progress('MNIST')),
      pneumonia: async () => ({ bytes: await fetchPneumoniaBytes(progress('PneumoniaMNIST')), name: PNEUMONIAMNIST_FILE_NAME }),
    },
    'served by the web app',
  );
}

async function run(msg: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const { runId } = msg;
  const abort = new AbortController();
  current = { runId, abort };
  const throttle = new Throttle(PROGRESS_INTERVAL_MS);
  const status = (line: string) => post({ type: 'status', runId, line });
  try {
    setAssetBase(msg.assetBase);
    const plan = planExperiment(msg.request);
    const backend = await startBackend(msg.backend);
    post({ type: 'backend', runId, backend });
    const result = await runExperiment(
      plan,
      { source: dataSource(status), backend: backend.name, versions: { app: 'nnlab web' } },
      {
        signal: abort.signal,
        onStatus: status,
        onEvent: (event: TrainEvent) => {
          if (event.type === 'batch-end' && !throttle.ready() && event.batch !== event.stepsPerEpoch - 1) return;
          // The loop's end is announced first, before the page spends time drawing the final curves.
          if (event.type === 'train-end') post({ type: 'loop-ended', runId, stopped: event.stopped });
          post({ type: 'event', runId, event });
        },
      },
    );
    const files = await modelToFiles(result.model);
    result.model.dispose();
    const ev = result.evaluation;
    const transfer = [
      ...Object.values(files.weights).map((w) => w.buffer as ArrayBuffer),
      ev.labels.buffer as ArrayBuffer,
      ev.predictions.buffer as ArrayBuffer,
    ];
    post(
      {
        type: 'result',
        runId,
        result: {
          record: result.record,
          zooId: plan.zooId,
          pipeline: plan.pipeline,
          classNames: [...plan.dataset.classNames],
          stopped: result.fit.stopped,
          stepEngine: result.fit.stepEngine,
          counts: result.counts,
          test: { labels: ev.labels, predictions: ev.predictions, outputSize: ev.outputSize },
          backend,
          files,
        },
      },
      transfer,
    );
  } catch (err) {
    const kind = abort.signal.aborted ? 'aborted' : err instanceof FetchError || err instanceof ChecksumError ? 'data' : 'other';
    const message = kind === 'other' ? explainTrainingError(err, activeBackend?.name) : err instanceof Error ? err.message : String(err);
    post({ type: 'error', runId, message, kind });
  } finally {
    if (current?.runId === runId) current = undefined;
  }
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'start') void run(msg);
  else if (msg.type === 'stop' && current?.runId === msg.runId) {
    current.abort.abort();
    post({ type: 'stop-ack', runId: msg.runId });
  }
};
