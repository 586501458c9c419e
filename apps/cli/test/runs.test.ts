/**
 * Run records through the real bin: sweeps record every run, `runs list/show/compare` read them,
 * and a `train` killed with SIGKILL at random moments never leaves a record `runs list` cannot read.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, runCli } from './run-cli';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-runs-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('sweep + runs', () => {
  const runsDir = () => join(tmp, 'sweep-runs');
  let ids: string[] = [];

  beforeAll(() => {
    const r = runCli(['sweep', 'mlp-raw', '--epochs', '1,2', '--hidden', '16', '--limit', '2000', '--runs-dir', runsDir(), '--json']);
    expect(r.status).toBe(0);
    const out = r.json<{
      runs: string[];
      points: unknown[];
      comparison: { rows: { id: string; cells: Record<string, { value: unknown; best: boolean }> }[] };
    }>();
    expect(out.points).toEqual([
      { epochs: 1, hidden: [16], limit: 2000 },
      { epochs: 2, hidden: [16], limit: 2000 },
    ]);
    ids = out.runs;
    expect(ids).toHaveLength(2);
    const bestAcc = out.comparison.rows.filter((row) => row.cells.test_acc.best);
    expect(bestAcc).toHaveLength(1);
  });

  it('lists both runs as complete with their epochs and hidden units', () => {
    const r = runCli(['runs', 'list', '--runs-dir', runsDir(), '--json']);
    expect(r.status).toBe(0);
    const out = r.json<{ runs: { id: string; state: string; config: { epochs: number; args: { hidden: number[] } } }[]; problems: unknown[] }>();
    expect(out.problems).toEqual([]);
    expect(out.runs.map((x) => x.id)).toEqual(ids);
    expect(out.runs.map((x) => [x.state, x.config.epochs, x.config.args.hidden])).toEqual([
      ['complete', 1, [16]],
      ['complete', 2, [16]],
    ]);
  });

  it('shows one run and compares two with the best marked', () => {
    const show = runCli(['runs', 'show', ids[1], '--runs-dir', runsDir()]);
    expect(show.status).toBe(0);
    expect(show.stdout).toMatch(/epoch\s+loss\s+acc\s+val_loss\s+val_acc/);
    expect(show.stdout).toMatch(/confusion matrix \(rows = true class\)/);
    const cmp = runCli(['runs', 'compare', ...ids, '--runs-dir', runsDir()]);
    expect(cmp.status).toBe(0);
    expect(cmp.stdout).toMatch(/\d\.\d{4}\*/);
    expect(cmp.stdout).toContain('(* = best in column)');
    const missing = runCli(['runs', 'show', 'nope', '--runs-dir', runsDir()]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no run 'nope'/);
  });
});

describe('SIGKILL at random moments', () => {
  const runsDir = () => join(tmp, 'killed-runs');

  function trainAndKill(afterMs: number): Promise<void> {
    return new Promise((resolveP) => {
      const child = spawn(process.execPath, [BIN, 'train', 'mlp-raw', '--limit', '20000', '--epochs', '4', '--json', '--runs-dir', runsDir()], {
        stdio: 'ignore',
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
      child.on('exit', () => {
        clearTimeout(timer);
        resolveP();
      });
    });
  }

  it('always leaves records that runs list reads (complete or interrupted)', async () => {
    // Seeded schedule of kill times across start-up, training epochs and saving.
    let s = 12345;
    const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 8; i++) await trainAndKill(300 + Math.floor(rand() * 4000));
    const r = runCli(['runs', 'list', '--runs-dir', runsDir(), '--json']);
    expect(r.status).toBe(0);
    const out = r.json<{ runs: { id: string; state: string; dir: string }[]; problems: { dir: string; problem: string }[] }>();
    expect(out.problems).toEqual([]);
    for (const run of out.runs) {
      expect(['interrupted', 'complete']).toContain(run.state);
      expect(() => JSON.parse(readFileSync(join(run.dir, 'run.json'), 'utf8'))).not.toThrow();
    }
    // Every folder that was created holds a readable record.
    expect(readdirSync(runsDir()).filter((n) => !n.startsWith('.'))).toHaveLength(out.runs.length);
    const table = runCli(['runs', 'list', '--runs-dir', runsDir()]);
    expect(table.status).toBe(0);
  }, 240000);
});
