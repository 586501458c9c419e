import { RUN_RECORD_SCHEMA_VERSION } from './run-record';
import { checkRunRecord } from './run-record-schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- damaged on purpose, field by field
type Rec = Record<string, any>;

/** A minimal valid record of the current layout. */
function record(): Record<string, unknown> {
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    id: '20261201-120000-mlp-raw-abcd',
    status: 'complete',
    pid: 123,
    createdAt: '2026-12-01T12:00:00.000Z',
    updatedAt: '2026-12-01T12:01:00.000Z',
    config: {
      model: 'mlp-raw',
      epochs: 2,
      batchSize: 128,
      seed: 0,
      backend: 'wasm',
      data: { name: 'mnist', files: [], trainCount: 100, validationCount: 10, testCount: 20 },
    },
    summary: { totalParams: 7960 },
    history: { loss: [0.9, 0.5], acc: [0.7, 0.8], val_loss: [0.6, 0.5], val_acc: [0.8, 0.85] },
    test: {
      loss: 0.5,
      accuracy: 0.85,
      confusionMatrix: [
        [1, 0],
        [0, 1],
      ],
    },
    timing: { trainSeconds: 1 },
    engine: { name: 'native', threads: 2, isa: 'avx2', library: 'oneDNN 2.6.3', fallbacks: [] },
    modelDir: 'model',
  };
}

const problemOf = (r: unknown) => {
  const c = checkRunRecord(r);
  return c.ok ? 'ok' : c.problem;
};

describe('checkRunRecord', () => {
  it('accepts a valid record as it is', () => {
    const c = checkRunRecord(record());
    expect(c).toEqual({ ok: true, record: record() });
  });

  it.each([
    ['missing history', (r: Rec) => delete r.history, 'history must be an object, got missing'],
    ['missing createdAt', (r: Rec) => delete r.createdAt, 'createdAt must be a non-empty string, got missing'],
    ['createdAt not a date', (r: Rec) => (r.createdAt = 'yesterday'), 'createdAt must be an ISO date, got string "yesterday"'],
    ['null loss list', (r: Rec) => (r.history.loss = null), 'history.loss must be a list of numbers, got null'],
    ['a string in a loss list', (r: Rec) => (r.history.val_loss = [0.5, '0.4']), 'history.val_loss must be a list of numbers, got an array'],
    ['string accuracy', (r: Rec) => (r.test.accuracy = '0.9'), 'test.accuracy must be a number, got string "0.9"'],
    ['no config', (r: Rec) => delete r.config, 'config must be an object, got missing'],
    ['numeric model id', (r: Rec) => (r.config.model = 7), 'config.model must be a non-empty string, got number 7'],
    ['unknown status', (r: Rec) => (r.status = 'done'), 'status must be one of running, complete, failed, interrupted, got string "done"'],
    ['confusion matrix of strings', (r: Rec) => (r.test.confusionMatrix = [['1']]), 'test.confusionMatrix must be a matrix of numbers, got an array'],
    ['unknown engine', (r: Rec) => (r.engine.name = 'gpu'), 'engine.name must be one of native, fused-dense, tfjs, got string "gpu"'],
    ['engine threads as text', (r: Rec) => (r.engine.threads = 'two'), 'engine.threads must be a number, got string "two"'],
    ['engine a string', (r: Rec) => (r.engine = 'native'), 'engine must be an object, got string "native"'],
    [
      'fallbacks without reasons',
      (r: Rec) => (r.engine.fallbacks = [{ engine: 'native' }]),
      'engine.fallbacks must be a list of { engine, reason }, got an array',
    ],
    ['modelDir not a string', (r: Rec) => (r.modelDir = 5), 'modelDir must be a relative folder name, got number 5'],
  ])('%s: refused with one line naming the field', (_what, damage, problem) => {
    const r = record();
    damage(r);
    expect(problemOf(r)).toBe(problem);
  });

  it('refuses what is not a record at all, and records of a newer version', () => {
    expect(problemOf([1, 2])).toBe('run.json does not hold a JSON object');
    expect(problemOf({ ...record(), schemaVersion: '1' })).toBe('schemaVersion must be a positive integer, got "1"');
    expect(problemOf({ ...record(), schemaVersion: RUN_RECORD_SCHEMA_VERSION + 1 })).toMatch(/written by a newer nnlab/);
  });

  it('migrates version 1: a run stopped by Ctrl-C said `stopped`, now `interrupted`', () => {
    const v1 = { ...record(), schemaVersion: 1, status: 'stopped' };
    const c = checkRunRecord(v1);
    expect(c).toEqual({ ok: true, record: { ...record(), status: 'interrupted' }, migratedFrom: 1 });
  });
});
