/**
 * Run records on disk: `runs/<id>/run.json` (+ `model/`). Every write of `run.json` is atomic
 * (temp file + rename), so a run killed at any moment leaves a readable record: complete, or marked
 * `running` by a process that no longer exists (reported as `interrupted`).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureWritableDir, saveModelToDir, writeJsonAtomic } from '@nnlab/core/node';
import type { RunRecord, RunStatus, RunStore } from '../run-record';
import { readRunRecordFile } from './run-record-file';

/** Default folder of run records (relative to the working directory). */
export const DEFAULT_RUNS_DIR = 'runs';

/** Where runs live: explicit folder → `NNLAB_RUNS_DIR` → `./runs`. */
export function resolveRunsDir(dir?: string): string {
  return resolve(dir ?? process.env.NNLAB_RUNS_DIR ?? DEFAULT_RUNS_DIR);
}

/** A record as listed: its status refined with whether its writer is still alive. */
export interface ListedRun {
  record: RunRecord;
  dir: string;
  /** `interrupted` when the record says running but its process is gone. */
  state: RunStatus | 'interrupted';
}

/** Problems met while listing (unreadable folders are reported, never fatal). */
export interface RunListProblem {
  dir: string;
  problem: string;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folder of one run. */
export function runDir(runsDir: string, id: string): string {
  return join(runsDir, id);
}

/** Writes (creates or replaces) a run's `run.json` atomically. */
export function saveRunRecord(runsDir: string, record: RunRecord): string {
  ensureWritableDir(runsDir); // a file, a read-only folder: one line naming it (OutputPathError)
  const dir = runDir(runsDir, record.id);
  mkdirSync(dir, { recursive: true });
  writeJsonAtomic(join(dir, 'run.json'), { ...record, updatedAt: new Date().toISOString() });
  return dir;
}

/** Reads one run by id (or unique id prefix). */
export function loadRunRecord(runsDir: string, idOrPrefix: string): ListedRun {
  const { runs } = listRuns(runsDir);
  const exact = runs.find((r) => r.record.id === idOrPrefix);
  if (exact) return exact;
  const matches = runs.filter((r) => r.record.id.startsWith(idOrPrefix) || r.record.id.endsWith(idOrPrefix));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new Error(`no run '${idOrPrefix}' in ${runsDir}`);
  throw new Error(`run id '${idOrPrefix}' is ambiguous in ${runsDir}: ${matches.map((m) => m.record.id).join(', ')}`);
}

/** Lists every readable run, oldest first, and the folders that could not be read. */
export function listRuns(runsDir: string): { runs: ListedRun[]; problems: RunListProblem[] } {
  const runs: ListedRun[] = [];
  const problems: RunListProblem[] = [];
  if (!existsSync(runsDir)) return { runs, problems };
  for (const name of readdirSync(runsDir).sort()) {
    if (name.startsWith('.')) continue;
    const dir = join(runsDir, name);
    const file = join(dir, 'run.json');
    if (!existsSync(file)) {
      problems.push({ dir, problem: 'no run.json (not a run folder)' });
      continue;
    }
    // checked against the schema (older versions migrated): a damaged record is skipped with its problem
    const read = readRunRecordFile(file);
    if (!read.ok) {
      problems.push({ dir, problem: read.problem });
      continue;
    }
    const parsed = read.record;
    const state: ListedRun['state'] = parsed.status === 'running' && !processAlive(parsed.pid) ? 'interrupted' : parsed.status;
    runs.push({ record: parsed, dir, state });
  }
  runs.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt) || a.record.id.localeCompare(b.record.id));
  return { runs, problems };
}

/**
 * The run store of the CLI: `runs/<id>/run.json` written atomically at every save, the model in
 * `runs/<id>/model/` (tfjs LayersModel format).
 */
export function fileRunStore(runsDir: string): RunStore {
  return {
    save: (record) => saveRunRecord(runsDir, record),
    async saveModel(record, model) {
      await saveModelToDir(model, join(runDir(runsDir, record.id), 'model'));
      return 'model';
    },
  };
}
