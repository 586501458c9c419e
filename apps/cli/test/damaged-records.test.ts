/**
 * Damaged run records through the real bin: a run.json of the wrong shape (each damaged field)
 * is skipped by `runs list` with one warning line naming the field, and every other run still
 * lists, shows and reports; `report` needs only the records, not the data folder a run read.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli';

let tmp: string;
let runs: string;
let goodId: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-damaged-'));
  runs = join(tmp, 'runs');
  // the run reads a copy of MNIST that is deleted afterwards: the report must not need it
  cpSync(resolve(__dirname, '../../../data/mnist'), join(tmp, 'mnist'), { recursive: true });
  const r = runCli(['train', 'mlp-raw', '--data', join(tmp, 'mnist'), '--limit', '600', '--epochs', '1', '--runs-dir', runs, '--json']);
  expect(r.status).toBe(0);
  goodId = r.json<{ runId: string }>().runId;
  rmSync(join(tmp, 'mnist'), { recursive: true });
  const good = JSON.parse(readFileSync(join(runs, goodId, 'run.json'), 'utf8'));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const damaged: Record<string, (r: Record<string, any>) => void> = {
    'no-history': (r) => delete r.history,
    'no-createdAt': (r) => delete r.createdAt,
    'null-loss': (r) => (r.history.loss = null),
    'string-accuracy': (r) => (r.test.accuracy = '0.9'),
  };
  for (const [name, damage] of Object.entries(damaged)) {
    const rec = JSON.parse(JSON.stringify(good));
    rec.id = `20000101-000000-${name}`;
    damage(rec);
    mkdirSync(join(runs, rec.id));
    writeFileSync(join(runs, rec.id, 'run.json'), JSON.stringify(rec));
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('runs list skips each damaged record with one line naming the field; the good run lists', () => {
  const r = runCli(['runs', 'list', '--runs-dir', runs, '--json']);
  expect(r.status).toBe(0);
  const out = r.json<{ runs: { id: string }[]; problems: { dir: string; problem: string }[] }>();
  expect(out.runs.map((x) => x.id)).toEqual([goodId]);
  const problems = Object.fromEntries(out.problems.map((p) => [p.dir.split('/').pop(), p.problem]));
  expect(problems).toEqual({
    '20000101-000000-no-history': 'history must be an object, got missing',
    '20000101-000000-no-createdAt': 'createdAt must be a non-empty string, got missing',
    '20000101-000000-null-loss': 'history.loss must be a list of numbers, got null',
    '20000101-000000-string-accuracy': 'test.accuracy must be a number, got string "0.9"',
  });
  const table = runCli(['runs', 'list', '--runs-dir', runs]);
  expect(table.status).toBe(0);
  expect(
    table.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('warning: skipped')),
  ).toHaveLength(4);
  expect(table.stderr).not.toMatch(/TypeError/);
});

it('runs show of the good run works beside damaged ones', () => {
  const r = runCli(['runs', 'show', goodId, '--runs-dir', runs]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(goodId);
});

it('report builds from the records alone (the data folder the run read is gone)', () => {
  const r = runCli(['report', goodId, '--runs-dir', runs, '--out', join(tmp, 'report')]);
  expect(r.stderr).not.toMatch(/TypeError|ENOENT/);
  expect(r.status).toBe(0);
});
