/**
 * Ctrl-C through the real bin (a child process and SIGINT, as a terminal sends it): the first
 * stops training after the current step — the record says `interrupted`, the model of the last
 * complete epoch is saved and loads, exit 130 — a second exits at once, Ctrl-C while data loads
 * exits 130 without evaluating anything, and the wasm threads' temporary folder never outlives
 * the process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './run-cli';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-sigint-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const threadDirs = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('nnlab-wasm-threads-')));

interface Outcome {
  code: number | null;
  stderr: string;
  msAfterFirst: number;
}

/**
 * Starts `nnlab <args>`, sends SIGINT once `ready(runsDir)` holds (polled), and `presses - 1`
 * more 50 ms apart; resolves with the exit code.
 */
function interrupt(args: string[], runs: string, ready: (runs: string, stderr: string) => boolean, presses = 1): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NNLAB_CACHE_DIR: join(tmp, 'cache') }; // no HOG cache from earlier runs
    const child = spawn(process.execPath, [BIN, ...args, '--runs-dir', runs], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    let sentAt = 0;
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (sentAt || !ready(runs, stderr)) return;
      sentAt = Date.now();
      child.kill('SIGINT');
      for (let k = 1; k < presses; k++) setTimeout(() => child.kill('SIGINT'), 50 * k);
    }, 20);
    const killer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(killer);
      resolve({ code, stderr, msAfterFirst: sentAt ? Date.now() - sentAt : -1 });
    });
  });
}

/** The one run record under `runs`, if written. */
function record(runs: string): { status: string; history: { loss: number[] }; modelDir?: string; test?: unknown; dir: string } | undefined {
  if (!existsSync(runs)) return undefined;
  const ids = readdirSync(runs).filter((n) => !n.startsWith('.'));
  if (ids.length !== 1 || !existsSync(join(runs, ids[0], 'run.json'))) return undefined;
  try {
    return { ...JSON.parse(readFileSync(join(runs, ids[0], 'run.json'), 'utf8')), dir: join(runs, ids[0]) };
  } catch {
    return undefined; // being replaced
  }
}

const LONG_TRAIN = ['train', 'mlp-raw', '--limit', '6000', '--epochs', '500', '--threads', '2'];

it('first Ctrl-C: stops after the current step, records interrupted with the last complete epoch’s model, exit 130, temp folder gone', async () => {
  const before = threadDirs();
  const runs = join(tmp, 'first');
  const out = await interrupt(LONG_TRAIN, runs, (r) => (record(r)?.history.loss.length ?? 0) >= 2);
  expect(out.code).toBe(130);
  expect(out.msAfterFirst).toBeLessThan(5000);
  expect(out.stderr).toMatch(/stopping after the current step/);
  expect(out.stderr).toMatch(/nnlab: interrupted after \d+ complete epochs of 500: the model of epoch \d+ saved in /);
  const rec = record(runs)!;
  expect(rec.status).toBe('interrupted');
  expect(rec.test).toBeUndefined(); // nothing evaluated
  const epochs = rec.history.loss.length;
  expect(epochs).toBeGreaterThanOrEqual(2);
  expect(epochs).toBeLessThan(500);
  expect(rec.modelDir).toBe('model');
  expect(existsSync(join(rec.dir, 'model', 'model.json'))).toBe(true);
  expect(existsSync(join(rec.dir, 'model', 'weights.bin'))).toBe(true);
  expect([...threadDirs()].filter((d) => !before.has(d))).toEqual([]);
}, 150000);

it('second Ctrl-C: exits at once with 130, temp folder gone', async () => {
  const before = threadDirs();
  const runs = join(tmp, 'second');
  const out = await interrupt(LONG_TRAIN, runs, (r) => (record(r)?.history.loss.length ?? 0) >= 1, 2);
  expect(out.code).toBe(130);
  expect(out.msAfterFirst).toBeLessThan(5000);
  expect([...threadDirs()].filter((d) => !before.has(d))).toEqual([]);
}, 150000);

it('Ctrl-C while the data loads: exit 130, no untrained model evaluated or saved', async () => {
  const runs = join(tmp, 'loading');
  // mlp-hog computes HOG features of every image first (workers, so the event loop turns)
  const out = await interrupt(['train', 'mlp-hog', '--limit', '20000', '--epochs', '1'], runs, (_r, stderr) => /backend: /.test(stderr));
  expect(out.code).toBe(130);
  expect(out.stderr).not.toMatch(/test accuracy/);
  const rec = record(runs);
  if (rec) {
    expect(rec.status).toBe('interrupted');
    expect(rec.test).toBeUndefined();
  }
}, 150000);

it('sweep: Ctrl-C stops the grid cleanly, exit 130, no temp folder left', async () => {
  const before = threadDirs();
  const runs = join(tmp, 'sweep');
  const out = await interrupt(
    ['sweep', 'mlp-raw', '--limit', '6000', '--epochs', '400,400', '--threads', '2'],
    runs,
    (r) => (record(r)?.history.loss.length ?? 0) >= 1,
  );
  expect(out.code).toBe(130);
  expect(record(runs)?.status).toBe('interrupted');
  expect([...threadDirs()].filter((d) => !before.has(d))).toEqual([]);
}, 150000);
