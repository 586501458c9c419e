/**
 * Acceptance of the MNIST CNN on the default Node engine with the course settings (3 epochs,
 * batch 128, RMSprop): test accuracy ≥ 0.91. PyTorch's RMSprop (ε outside the root) reached
 * 0.933–0.943 over 2 seeds; Keras' rule (ε inside the root), which nnlab follows since the model-spec
 * work, damps small gradients more and gives 0.9198 at seed 0 on both the native and the wasm engine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

it('nnlab train cnn-mnist reaches test accuracy ≥ 0.91 with the course settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nnlab-cnn-'));
  try {
    const r = runCli(['train', 'cnn-mnist', '--json', '--runs-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.json<{ backend: string; params: number; epochs: number; test: { accuracy: number }; samplesPerSecond: number; runDir: string }>();
    expect(out).toMatchObject({ backend: 'wasm', params: 1890, epochs: 3 });
    expect(out.test.accuracy).toBeGreaterThanOrEqual(0.91);
    // A model with convolutions trains on every core of the native engine (CI requires the addon).
    const engine = JSON.parse(readFileSync(join(out.runDir, 'run.json'), 'utf8')).engine as { name: string; threads: number };
    if (engine.name === 'native' || process.env.NNLAB_REQUIRE_NATIVE === '1') expect(engine).toMatchObject({ name: 'native', threads: availableParallelism() });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300000);
