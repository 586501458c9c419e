/**
 * Trained and imported models kept in the browser (IndexedDB) across reloads: the model's files
 * (`model.json` text + weights), what the session shows about it, and — for runs — the run's
 * summary (settings, curves, test metrics), so the run list and the test-set panel survive too.
 */
import type { ModelFiles } from '@nnlab/core';
import type { InputPipeline, RunRecord } from '@nnlab/experiments';
import type { ModelId } from '@nnlab/models';
import { IdbStore } from './idb';

/** What is kept of a training run: its record (config, curves, test metrics, timing) and more. */
export interface RunSummary {
  /** The run record, as `nnlab train` writes it in run.json. */
  record: RunRecord;
  /** Binary models: test labels and predicted probabilities (threshold control, ROC). */
  testScores?: { labels: number[]; scores: number[] };
  /** Where the run came from: this browser, or a CLI run imported with its record. */
  origin: 'browser' | 'cli';
  stepEngine?: string;
  /** wasm threads the run used. */
  threads?: number;
}

/** One saved model. */
export interface SavedModel {
  id: string;
  savedAt: string;
  zooId: ModelId;
  label: string;
  source: 'trained' | 'imported';
  detail: string;
  pipeline: InputPipeline;
  testAccuracy?: number;
  files: ModelFiles;
  run?: RunSummary;
}

const store = new IdbStore<SavedModel>('nnlab', 'models');

/** Keeps a model (replacing one with the same id). */
export function saveModel(m: SavedModel): Promise<void> {
  return store.put(m);
}

/** Every saved model, oldest first. */
export async function savedModels(): Promise<SavedModel[]> {
  return (await store.all()).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

/** Forgets a model. */
export function deleteSavedModel(id: string): Promise<void> {
  return store.delete(id);
}

/** A new id (time-ordered, unique in this browser). */
export function newSavedId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
