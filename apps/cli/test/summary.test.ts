import { tmpdir } from 'node:os';
import { runCli } from './run-cli';

describe('nnlab summary / backends / help', () => {
  it('prints the Keras table totalling 7,960 for mlp-raw', () => {
    const r = runCli(['summary', 'mlp-raw']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Total params: 7,960 (31.09 KB)');
    expect(r.stdout).toContain('784×10 + 10 = 7,850');
  });

  it.each([
    ['mlp-hog', 4040],
    ['cnn-mnist', 1890],
    ['cnn-pneumonia', 164353],
  ])('--json for %s totals %d', (id, total) => {
    const r = runCli(['summary', String(id), '--json']);
    expect(r.status).toBe(0);
    expect(r.json()).toMatchObject({ model: id, totalParams: total });
  });

  it('lists backends with wasm preferred', () => {
    const r = runCli(['backends', '--json']);
    expect(r.status).toBe(0);
    const out = r.json<{ default: string; backends: { name: string; usable: boolean }[] }>();
    expect(out.default).toBe('wasm');
    expect(out.backends.find((b) => b.name === 'cpu')!.usable).toBe(true);
  });

  it('finds the wasm backend from any working directory (packages resolve from nnlab, not the cwd)', () => {
    const r = runCli(['backends', '--json'], {}, 60000, tmpdir());
    expect(r.status).toBe(0);
    const out = r.json<{ default: string; backends: { name: string; usable: boolean }[] }>();
    expect(out.backends.find((b) => b.name === 'wasm')!.usable).toBe(true);
    expect(out.default).toBe('wasm');
  });

  it('has --help on every command', () => {
    for (const cmd of [[], ['train'], ['summary'], ['backends']]) {
      const r = runCli([...cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Usage: nnlab/);
    }
  });
});
