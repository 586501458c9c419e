/**
 * The run record's schema, checked on every read: `run.json` is a file people copy, edit and
 * damage, and a record of the wrong shape must be skipped with a one-line reason — never reach a
 * reader as a TypeError. Older layouts are migrated to the current one on read (never rewritten
 * on disk).
 *
 * Versions: 1 — first layout (a run stopped by Ctrl-C said `stopped`); 2 — a stopped run says
 * `interrupted`, and the model it saved is the last complete epoch's.
 */
import { ENGINE_NAMES } from '@nnlab/core';
import { RUN_RECORD_SCHEMA_VERSION, type RunRecord } from './run-record';

/** What `checkRunRecord` says about a parsed `run.json`. */
export type RunRecordCheck = { ok: true; record: RunRecord; migratedFrom?: number } | { ok: false; problem: string };

const STATUSES = ['running', 'complete', 'failed', 'interrupted'];

type Json = Record<string, unknown>;

class SchemaProblem extends Error {}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function need(ok: boolean, path: string, what: string, value: unknown): void {
  if (!ok) {
    const got =
      value === undefined ? 'missing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
    throw new SchemaProblem(`${path} must be ${what}, got ${got}`);
  }
}

const str = (o: Json, key: string, path: string) => need(typeof o[key] === 'string' && o[key] !== '', `${path}${key}`, 'a non-empty string', o[key]);
const num = (o: Json, key: string, path: string) => need(typeof o[key] === 'number' && Number.isFinite(o[key]), `${path}${key}`, 'a number', o[key]);
const optNum = (o: Json, key: string, path: string) => o[key] === undefined || num(o, key, path);
const obj = (o: Json, key: string, path: string): Json => {
  need(isObject(o[key]), `${path}${key}`, 'an object', o[key]);
  return o[key] as Json;
};
const date = (o: Json, key: string, path: string) => {
  str(o, key, path);
  need(!Number.isNaN(Date.parse(o[key] as string)), `${path}${key}`, 'an ISO date', o[key]);
};
const numbers = (o: Json, key: string, path: string) => {
  const v = o[key];
  need(Array.isArray(v) && v.every((x) => typeof x === 'number'), `${path}${key}`, 'a list of numbers', v);
};

function checkEvaluation(e: unknown, path: string): void {
  need(isObject(e), path, 'an object', e);
  const ev = e as Json;
  num(ev, 'loss', `${path}.`);
  num(ev, 'accuracy', `${path}.`);
  const cm = ev.confusionMatrix;
  need(
    Array.isArray(cm) && cm.every((row) => Array.isArray(row) && row.every((x) => typeof x === 'number')),
    `${path}.confusionMatrix`,
    'a matrix of numbers',
    cm,
  );
  for (const k of ['precision', 'recall', 'specificity', 'f1', 'auc', 'macroF1']) optNum(ev, k, `${path}.`);
}

const optStr = (o: Json, key: string, path: string) => o[key] === undefined || str(o, key, path);

/** The engine that trained: readers print it in lists and summaries. */
function checkEngine(e: unknown): void {
  need(isObject(e), 'engine', 'an object', e);
  const engine = e as Json;
  need((ENGINE_NAMES as readonly unknown[]).includes(engine.name), 'engine.name', `one of ${ENGINE_NAMES.join(', ')}`, engine.name);
  optNum(engine, 'threads', 'engine.');
  optStr(engine, 'isa', 'engine.');
  optStr(engine, 'library', 'engine.');
  const fallbacks = engine.fallbacks;
  need(
    Array.isArray(fallbacks) && fallbacks.every((f) => isObject(f) && typeof f.engine === 'string' && typeof f.reason === 'string'),
    'engine.fallbacks',
    'a list of { engine, reason }',
    fallbacks,
  );
}

/** Checks the current layout; throws a SchemaProblem naming the first field at fault. */
function checkCurrent(r: Json): void {
  str(r, 'id', '');
  need(typeof r.status === 'string' && STATUSES.includes(r.status), 'status', `one of ${STATUSES.join(', ')}`, r.status);
  num(r, 'pid', '');
  date(r, 'createdAt', '');
  if (r.updatedAt !== undefined) date(r, 'updatedAt', '');
  if (r.finishedAt !== undefined) date(r, 'finishedAt', '');
  const config = obj(r, 'config', '');
  str(config, 'model', 'config.');
  num(config, 'epochs', 'config.');
  num(config, 'batchSize', 'config.');
  optNum(config, 'seed', 'config.');
  need(config.backend === undefined || typeof config.backend === 'string', 'config.backend', 'a string', config.backend);
  if (config.data !== undefined) {
    const data = obj(config, 'data', 'config.');
    for (const k of ['trainCount', 'validationCount', 'testCount']) optNum(data, k, 'config.data.');
  }
  const summary = obj(r, 'summary', '');
  num(summary, 'totalParams', 'summary.');
  const history = obj(r, 'history', '');
  for (const k of ['loss', 'acc', 'val_loss', 'val_acc']) numbers(history, k, 'history.');
  if (r.test !== undefined) checkEvaluation(r.test, 'test');
  if (r.validation !== undefined) checkEvaluation(r.validation, 'validation');
  obj(r, 'timing', '');
  for (const k of ['trainSeconds', 'samplesPerSecond', 'evalSeconds', 'totalSeconds']) optNum(r.timing as Json, k, 'timing.');
  if (r.engine !== undefined) checkEngine(r.engine);
  need(r.modelDir === undefined || (typeof r.modelDir === 'string' && r.modelDir !== ''), 'modelDir', 'a relative folder name', r.modelDir);
}

/** Migrations by the version they read: each returns the next version's layout. */
const MIGRATIONS: Record<number, (r: Json) => Json> = {
  1: (r) => ({ ...r, schemaVersion: 2, status: r.status === 'stopped' ? 'interrupted' : r.status, timing: r.timing ?? {} }),
};

/**
 * Checks a parsed `run.json` against the schema, migrating older versions first. Never throws:
 * a record that does not fit says why in one line (`history.loss must be a list of numbers, got null`).
 */
export function checkRunRecord(value: unknown): RunRecordCheck {
  if (!isObject(value)) return { ok: false, problem: 'run.json does not hold a JSON object' };
  const version = value.schemaVersion;
  if (!(typeof version === 'number' && Number.isInteger(version) && version >= 1)) {
    return { ok: false, problem: `schemaVersion must be a positive integer, got ${JSON.stringify(version) ?? 'missing'}` };
  }
  if (version > RUN_RECORD_SCHEMA_VERSION) {
    return { ok: false, problem: `written by a newer nnlab (schema version ${version}; this one reads up to ${RUN_RECORD_SCHEMA_VERSION})` };
  }
  let r: Json = value;
  for (let v = version; v < RUN_RECORD_SCHEMA_VERSION; v++) r = MIGRATIONS[v](r);
  try {
    checkCurrent(r);
  } catch (err) {
    if (err instanceof SchemaProblem) return { ok: false, problem: err.message };
    throw err;
  }
  return { ok: true, record: r as unknown as RunRecord, ...(version < RUN_RECORD_SCHEMA_VERSION ? { migratedFrom: version } : {}) };
}
