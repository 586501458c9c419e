/**
 * Acceptance of the MNIST CNN on the default Node backend (wasm, with nnlab's training kernels):
 * the course settings (3 epochs, batch 128, RMSprop) reach test accuracy ≥ 0.92 (PyTorch with the
 * same model and settings: 0.933–0.943 over 2 seeds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

it('nnlab train cnn-mnist reaches test accuracy ≥ 0.92 on wasm with the course settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nnlab-cnn-'));
  try {
    const r = runCli(['train', 'cnn-mnist', '--json', '--runs-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.json<{ backend: string; params: number; epochs: number; test: { accuracy: number }; samplesPerSecond: number }>();
    expect(out).toMatchObject({ backend: 'wasm', params: 1890, epochs: 3 });
    expect(out.test.accuracy).toBeGreaterThanOrEqual(0.92);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300000);
