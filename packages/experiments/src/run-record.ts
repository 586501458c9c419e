/**
 * The run record: everything about one training run, saved as versioned JSON (`run.json`) next to
 * the trained model. Written when a run starts, after every epoch and at the end, so an interrupted
 * run still leaves its configuration and intermediate results.
 */
import type { EngineFallback, EngineInfo, History, ResolvedOptimizerConfig } from '@nnlab/core';
import type { ModelSpec, ModelSummary, ZooArgs } from '@nnlab/models';
import type { LayersModel } from '@tensorflow/tfjs';
import type { InputPipeline } from './input-pipeline';

/**
 * Version of the `run.json` layout. Bump on incompatible changes, with a migration from the
 * previous version in `run-record-schema.ts` (records are checked and migrated on every read).
 */
export const RUN_RECORD_SCHEMA_VERSION = 2;

/**
 * Lifecycle of a run. `interrupted`: stopped by Ctrl-C / Stop (the saved model is the last complete
 * epoch's); `running` with a dead process is also reported as interrupted.
 */
export type RunStatus = 'running' | 'complete' | 'failed' | 'interrupted';

/** A data file a run read, with its checksum. */
export interface RunDataFile {
  name: string;
  sha256: string;
  origin: string;
  path?: string;
}

/** How the run was configured. */
export interface RunConfig {
  /** The zoo id, the spec's name, or `custom`. */
  model: string;
  /** Zoo knobs (and the seed). */
  args: ZooArgs;
  /** The dataset by name (`mnist`, `mnist-hog`, `pneumonia`). */
  dataset?: string;
  /** The architecture trained, input shape included; its training block holds the settings used. */
  spec?: ModelSpec;
  /** The spec's one-line text form (for tables and `runs compare`). */
  arch?: string;
  /** Class names by label. */
  classNames?: string[];
  epochs: number;
  batchSize: number;
  optimizer: ResolvedOptimizerConfig;
  loss: string;
  validationSplit: number;
  seed: number;
  backend: string;
  classWeights?: number[];
  data: {
    name: string;
    files: RunDataFile[];
    trainCount: number;
    validationCount: number;
    testCount: number;
    /** Extra data settings (HOG parameters, image size, limits…). */
    options?: Record<string, unknown>;
  };
  /** How one image becomes one model input (used by `predict` and the web app). */
  input?: InputPipeline;
  /** Versions of nnlab packages, tfjs and Node. */
  versions: Record<string, string>;
  /** The command line, when run from the CLI. */
  argv?: string[];
}

/** Test or validation metrics of a multiclass model. */
export interface MulticlassEvaluation {
  loss: number;
  accuracy: number;
  /** Rows = true class, columns = predicted class. */
  confusionMatrix: number[][];
  macroF1?: number;
  perClass?: { precision: number; recall: number; f1: number; support: number }[];
  /** The most confidently misclassified samples (index in the evaluated set, most confident first). */
  misclassified?: { index: number; label: number; predicted: number; confidence: number }[];
}

/** Test or validation metrics of a binary model (positive class 1). */
export interface BinaryEvaluation extends MulticlassEvaluation {
  threshold: number;
  precision: number;
  recall: number;
  specificity: number;
  f1: number;
  auc: number;
  roc?: { fpr: number[]; tpr: number[]; thresholds?: number[] };
}

/** Class counts of one split. */
export type ClassBalance = Record<string, number>;

/** One run, as saved in `runs/<id>/run.json`. */
export interface RunRecord {
  schemaVersion: number;
  id: string;
  status: RunStatus;
  /** Process that wrote the record (to tell an interrupted run from one in progress). */
  pid: number;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  config: RunConfig;
  summary: Pick<ModelSummary, 'totalParams' | 'trainableParams' | 'nonTrainableParams' | 'sizeKB'> & { rows?: ModelSummary['rows'] };
  history: History;
  test?: MulticlassEvaluation | BinaryEvaluation;
  validation?: MulticlassEvaluation | BinaryEvaluation;
  classBalance?: Record<string, ClassBalance>;
  timing: { trainSeconds?: number; samplesPerSecond?: number; evalSeconds?: number; totalSeconds?: number };
  /** Folder of the saved model, relative to the run folder. */
  modelDir?: string;
  error?: string;
  /** Free-form notes (e.g. which sweep the run belongs to). */
  tags?: Record<string, string>;
  /** The engine that trained (name, threads, ISA, library) and the engines skipped before it, with reasons. */
  engine?: EngineInfo & { fallbacks: EngineFallback[] };
}

/**
 * Where a host keeps run records: the CLI writes `runs/<id>/run.json` and `model/`
 * (`fileRunStore` in `@nnlab/experiments/node`); the web app keeps the record in memory.
 */
export interface RunStore {
  /** Writes the record (at the start, after every epoch, at the end); returns where it lives, if anywhere. */
  save(record: RunRecord): string | undefined;
  /** Saves the trained model beside the record; returns its folder relative to the run folder. */
  saveModel?(record: RunRecord, model: LayersModel): Promise<string>;
}

/** Makes a sortable, unique run id such as `20261125-093012-mlp-raw-3f9a`. */
export function makeRunId(model: string, date: Date = new Date(), random: () => number = Math.random): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `${stamp}-${model.replace(/[^a-z0-9-]/gi, '')}-${suffix}`;
}

/** Checks that a parsed object looks like a run record this version can read. */
export function isRunRecord(value: unknown): value is RunRecord {
  if (!value || typeof value !== 'object') return false;
  const r = value as Partial<RunRecord>;
  return (
    typeof r.schemaVersion === 'number' &&
    r.schemaVersion <= RUN_RECORD_SCHEMA_VERSION &&
    typeof r.id === 'string' &&
    typeof r.status === 'string' &&
    !!r.config &&
    typeof r.config.model === 'string' &&
    !!r.history
  );
}
