/**
 * Signals while the addon trains: Ctrl-C and every other asynchronous signal must be safe to
 * deliver at any moment. oneDNN 2.x's GEMM kernels point `rsp` at a heap workspace while they run
 * (oneDNN#4845), so a signal taken inside one used to corrupt the heap (abort a few steps later);
 * the addon holds asynchronous signals back for the length of each call (src/cc/signal-block.h).
 * A child process trains an MNIST-sized Dense model (the GEMM path) while this test sends it a
 * storm of SIGUSR2 (its handler counts them); the child must finish normally.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { addonPath } from './addon';

const child = (file: string, ms: number) => `
  const a = require(${JSON.stringify(file)});
  let received = 0;
  process.on('SIGUSR2', () => received++);
  const h = a.createModel({ input: [784], layers: [{ kind: 'dense', units: 32, activation: 'relu' }, { kind: 'dense', units: 10, activation: 'softmax' }],
    maxBatch: 128, loss: 'categoricalCrossentropy', optimizer: { kind: 'rmsprop', learningRate: 0.001 } });
  const n = 2048;
  const x = new Float32Array(n * 784).map((_, i) => ((i * 7919) % 255) / 255);
  const y = new Float32Array(n * 10); for (let i = 0; i < n; i++) y[i * 10 + (i % 10)] = 1;
  a.setData(h, x, y);
  const idx = new Int32Array(128), out = new Float64Array(2), p = new Float32Array(n * 10);
  let steps = 0, t0 = 0;
  const chunk = () => {
    for (let s = 0; s < 16; s++) { for (let i = 0; i < 128; i++) idx[i] = (steps * 128 + i * 13) % n; a.trainStep(h, idx, out); steps++; }
    a.predict(h, x.subarray(0, 256 * 784), p);
    if (!t0) { t0 = Date.now(); process.stdout.write('ready\\n'); }
    if (Date.now() - t0 < ${ms}) setImmediate(chunk);
    else {
      a.disposeModel(h);
      process.stdout.write(JSON.stringify({ steps, received, loss: out[0] }) + '\\n');
      setTimeout(() => {}, 500); // the storm stops when this line arrives; exit after it has
    }
  };
  chunk();`;

it('a storm of signals during training and prediction: no heap corruption, every signal handled, finite loss', async () => {
  const file = addonPath()!;
  expect(existsSync(file)).toBe(true);
  const proc = spawn(process.execPath, ['-e', child(file, 2500)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = 0;
  let storm: NodeJS.Timeout | undefined;
  proc.stderr.on('data', (d) => (stderr += d));
  proc.stdout.on('data', (d) => {
    stdout += d;
    if (stdout.includes('{')) clearInterval(storm);
    else if (!storm && stdout.includes('ready')) {
      storm = setInterval(() => {
        if (proc.exitCode === null && proc.signalCode === null && proc.kill('SIGUSR2')) sent++;
      }, 2);
    }
  });
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (c, s) => resolve({ code: c, signal: s })),
  );
  clearInterval(storm);
  expect({ code, signal, stderr: stderr.slice(-300) }).toEqual({ code: 0, signal: null, stderr: '' });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as { steps: number; received: number; loss: number };
  expect(sent).toBeGreaterThan(100);
  expect(result.received).toBeGreaterThan(0);
  expect(result.steps).toBeGreaterThan(50);
  expect(Number.isFinite(result.loss)).toBe(true);
}, 30000);
