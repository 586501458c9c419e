/**
 * Reading one `run.json` safely: a regular file of bounded size, valid JSON, and a record that
 * passes the schema check (older versions migrated). Never throws for a bad file: the caller gets
 * a one-line problem to report or skip.
 */
import { NnlabError } from '@nnlab/core';
import { readRegularFile } from '@nnlab/core/node';
import { checkRunRecord, type RunRecordCheck } from '../run-record-schema';

/** Largest `run.json` read (records with ROC curves and per-class tables stay far below). */
export const MAX_RUN_RECORD_BYTES = 64 * 1024 * 1024;

/** A run record that cannot be used: the message names the file and the first problem. */
export class RunRecordError extends NnlabError {
  readonly file: string;
  constructor(file: string, problem: string) {
    super('RUN_RECORD', `${file}: ${problem}`);
    this.file = file;
  }
}

class ReadProblem extends Error {}

/** Reads and checks `file` (a `run.json`). */
export function readRunRecordFile(file: string): RunRecordCheck {
  let text: string;
  try {
    text = new TextDecoder().decode(readRegularFile(file, { maxBytes: MAX_RUN_RECORD_BYTES }, (_f, problem) => new ReadProblem(problem)));
  } catch (err) {
    if (err instanceof ReadProblem) return { ok: false, problem: `run.json ${err.message}` };
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `run.json is not valid JSON (${(err as Error).message})` };
  }
  return checkRunRecord(parsed);
}

/** Like {@link readRunRecordFile}, but a bad record is a RunRecordError naming the file. */
export function loadRunRecordFile(file: string) {
  const r = readRunRecordFile(file);
  if (!r.ok) throw new RunRecordError(file, r.problem);
  return r.record;
}
