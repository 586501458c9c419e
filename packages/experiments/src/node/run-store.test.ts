import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_RECORD_SCHEMA_VERSION, makeRunId, type RunRecord } from '../run-record';
import { fileRunStore, listRuns, loadRunRecord, resolveRunsDir, saveRunRecord } from './run-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-runs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function record(id: string, createdAt: string, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    id,
    status: 'complete',
    pid: 0,
    createdAt,
    updatedAt: createdAt,
    config: {
      model: 'mlp-raw',
      args: {},
      epochs: 1,
      batchSize: 128,
      optimizer: { name: 'rmsprop', learningRate: 0.001 },
      loss: 'categoricalCrossentropy',
      validationSplit: 0.1,
      seed: 0,
      backend: 'cpu',
      data: { name: 'mnist', files: [], trainCount: 1, validationCount: 0, testCount: 1 },
      versions: {},
    },
    summary: { totalParams: 7960, trainableParams: 7960, nonTrainableParams: 0, sizeKB: 31.09 },
    history: { loss: [1], acc: [0.5], val_loss: [], val_acc: [] },
    timing: {},
    ...extra,
  };
}

describe('makeRunId', () => {
  it('is sortable by time and names the model', () => {
    expect(makeRunId('mlp-raw', new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), () => 0.5)).toBe('20260102-030405-mlp-raw-8000');
    expect(makeRunId('my model/../x', new Date(Date.UTC(2026, 0, 2)), () => 0)).toBe('20260102-000000-mymodelx-0000');
  });
});

describe('run store', () => {
  it('writes run.json atomically and lists runs oldest first, with unreadable folders as problems', () => {
    saveRunRecord(dir, record('b', '2026-01-02T00:00:00Z'));
    saveRunRecord(dir, record('a', '2026-01-03T00:00:00Z'));
    mkdirSync(join(dir, 'c'));
    writeFileSync(join(dir, 'c', 'run.json'), '{oops');
    mkdirSync(join(dir, 'notes'));
    const { runs, problems } = listRuns(dir);
    expect(runs.map((r) => r.record.id)).toEqual(['b', 'a']);
    expect(problems.map((p) => p.problem)).toEqual([expect.stringMatching(/not valid JSON/), 'no run.json (not a run folder)']);
    expect(JSON.parse(readFileSync(join(dir, 'a', 'run.json'), 'utf8')).id).toBe('a');
  });

  it('a running record whose process is gone is interrupted', () => {
    saveRunRecord(dir, record('r', '2026-01-02T00:00:00Z', { status: 'running', pid: 2 ** 22 + 12345 }));
    saveRunRecord(dir, record('me', '2026-01-02T00:00:01Z', { status: 'running', pid: process.pid }));
    expect(listRuns(dir).runs.map((r) => r.state)).toEqual(['interrupted', 'running']);
  });

  it('finds a run by id, unique prefix or suffix; refuses ambiguous ones', () => {
    saveRunRecord(dir, record('20260102-mlp-raw-aaaa', '2026-01-02T00:00:00Z'));
    saveRunRecord(dir, record('20260102-mlp-raw-bbbb', '2026-01-02T00:00:01Z'));
    expect(loadRunRecord(dir, 'bbbb').record.id).toBe('20260102-mlp-raw-bbbb');
    expect(() => loadRunRecord(dir, '20260102')).toThrow(/ambiguous/);
    expect(() => loadRunRecord(dir, 'zzzz')).toThrow(/no run 'zzzz'/);
  });

  it('fileRunStore saves the record in its run folder', () => {
    const store = fileRunStore(dir);
    expect(store.save(record('x', '2026-01-02T00:00:00Z'))).toBe(join(dir, 'x'));
    expect(listRuns(dir).runs).toHaveLength(1);
  });

  it('resolveRunsDir: the explicit folder, else NNLAB_RUNS_DIR, else ./runs', () => {
    const env = process.env.NNLAB_RUNS_DIR;
    try {
      process.env.NNLAB_RUNS_DIR = dir;
      expect(resolveRunsDir('elsewhere')).toBe(join(process.cwd(), 'elsewhere'));
      expect(resolveRunsDir()).toBe(dir);
      delete process.env.NNLAB_RUNS_DIR;
      expect(resolveRunsDir()).toBe(join(process.cwd(), 'runs'));
    } finally {
      if (env === undefined) delete process.env.NNLAB_RUNS_DIR;
      else process.env.NNLAB_RUNS_DIR = env;
    }
  });
});
