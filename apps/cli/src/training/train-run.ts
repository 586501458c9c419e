/**
 * One training run from the command line: turn the flags into an experiment plan (checked before
 * anything loads), start the backend, and run the shared pipeline of `@nnlab/experiments` with the
 * Node host — files as the data source, HOG on all cores with a disk cache, and the run recorded
 * under `runs/<id>/` (run.json rewritten atomically at start, after each epoch and at the end; the
 * model saved in the tfjs LayersModel format with its spec and class names in its metadata).
 * `nnlab train`, `nnlab sweep` and `nnlab reproduce` all go through here.
 */
import { useBackend, type BackendName, type EngineChoice, type OptimizerName, type OptimizerOptions, type TrainEvent } from '@nnlab/core';
import { ensureWritableDir, registerNodeBackends } from '@nnlab/core/node';
import { engineLabel, planExperiment, runExperiment, type ExperimentPlan, type RunRecord } from '@nnlab/experiments';
import { cachedHogFeatures, fileRunStore, nodeDataSource, resolveRunsDir } from '@nnlab/experiments/node';
import type { HogBlockNorm } from '@nnlab/features-hog';
import type { HiddenActivation, ModelSpec } from '@nnlab/models';
import { runtimeVersions } from '../versions';
import { resolveWasmThreads } from './wasm-threads-policy';

/** Optimizer settings a flag can set (unset: the spec's, then Keras' defaults). */
export type OptimizerFlags = Pick<OptimizerOptions, 'learningRate' | 'rho' | 'momentum' | 'epsilon' | 'beta1' | 'beta2' | 'nesterov' | 'centered'>;

/** Everything a training run can be told. Unset fields take the spec's training block, then the course settings. */
export interface TrainRunOptions extends OptimizerFlags {
  /** A zoo model id… */
  model?: string;
  /** …or an architecture (from `--arch`: a spec file or a text spec). */
  spec?: ModelSpec;
  /** Dataset by name: mnist, mnist-hog, pneumonia (default: the zoo model's). */
  dataset?: string;
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
  optimizer?: OptimizerName;
  backend?: BackendName | 'auto';
  seed?: number;
  /** Data folder or file (MNIST folder, chest X-ray folder, PneumoniaMNIST .npz). */
  data?: string;
  /** Use only the first N training (and ⌈N/6⌉ MNIST test) samples. */
  limit?: number;
  hidden?: number[];
  activation?: HiddenActivation;
  imageSize?: number;
  classWeights?: boolean;
  valFromTrain?: number;
  /** HOG parameters (mnist-hog). */
  hog?: { orientations?: number; pixelsPerCell?: number; cellsPerBlock?: number; blockNorm?: HogBlockNorm };
  runsDir?: string;
  /** Threads of the wasm backend (default: NNLAB_WASM_THREADS, else chosen per model, see wasm-threads-policy.ts). */
  threads?: number;
  /** Training engine (core's engine rule; default auto). */
  engine?: EngineChoice;
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

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The experiment the options describe, checked (throws SpecError / a usage error before anything runs). */
export function planTrainRun(opts: TrainRunOptions): ExperimentPlan {
  const hog = opts.hog ? defined(opts.hog) : undefined;
  const optimizer = defined({
    name: opts.optimizer,
    learningRate: opts.learningRate,
    rho: opts.rho,
    momentum: opts.momentum,
    epsilon: opts.epsilon,
    beta1: opts.beta1,
    beta2: opts.beta2,
    nesterov: opts.nesterov,
    centered: opts.centered,
  });
  return planExperiment({
    zoo: opts.spec ? undefined : opts.model,
    spec: opts.spec,
    args: opts.spec ? undefined : defined({ hidden: opts.hidden, activation: opts.activation, imageSize: opts.imageSize }),
    dataset: opts.dataset,
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    validationSplit: opts.validationSplit,
    optimizer,
    classWeights: opts.classWeights,
    seed: opts.seed,
    limit: opts.limit,
    valFromTrain: opts.valFromTrain,
    hog: hog && Object.keys(hog).length ? hog : undefined,
  });
}

let backendsRegistered = false;

/** Runs one training run. */
export async function trainRun(opts: TrainRunOptions, hooks: TrainRunHooks = {}, planned?: ExperimentPlan): Promise<TrainRunResult> {
  const plan = planned ?? planTrainRun(opts);
  const info = hooks.onInfo ?? (() => {});
  if (!backendsRegistered) {
    const threads = await resolveWasmThreads(opts.threads, [{ spec: plan.spec }]);
    registerNodeBackends({ wasmThreads: threads });
    backendsRegistered = true;
  }
  const backend = await useBackend(opts.backend ?? 'auto');
  info(`backend: ${backend.name}${backend.detail ? ` (${backend.detail})` : ''}`);
  for (const s of backend.skipped) info(`  (${s.name} skipped: ${s.reason})`);
  const runsDir = resolveRunsDir(opts.runsDir);
  if (!opts.noRecord) ensureWritableDir(runsDir); // before any data loads: a file, a read-only folder
  const result = await runExperiment(
    plan,
    {
      source: nodeDataSource({ data: opts.data }),
      hog: cachedHogFeatures,
      store: opts.noRecord ? undefined : fileRunStore(runsDir),
      backend: backend.name,
      engine: opts.engine,
      versions: runtimeVersions(),
      pid: process.pid,
    },
    {
      onStatus: info,
      onEvent: (e) => {
        if (e.type === 'engine') {
          info(`engine: ${engineLabel(e.engine, backend.name)}`);
          for (const f of e.fallbacks) info(`  (${f.engine} skipped: ${f.reason})`);
        }
        return hooks.onEvent?.(e);
      },
      signal: hooks.signal,
      interruptWithoutEvaluation: true,
      argv: opts.argv,
      tags: opts.tags,
    },
  );
  result.model.dispose();
  return { record: result.record, runDir: result.location };
}
