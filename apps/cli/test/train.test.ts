/**
 * Acceptance of `nnlab train` through the real bin: course defaults on the full embedded MNIST,
 * run records, reloadable models, and one-line errors with meaningful exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { evaluateModel, useBackend } from '@nnlab/core';
import { modelFolderHandler, registerNodeBackends } from '@nnlab/core/node';
import { loadMnist } from '@nnlab/datasets/node';
import { mnistPixelDataset } from '@nnlab/experiments';
import { runCli } from './run-cli';

const MNIST = resolve(__dirname, '../../../data/mnist');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('nnlab train mlp-raw (course defaults, full MNIST)', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed CLI JSON, checked field by field below
  let out: Record<string, any>;
  let seconds = 0;
  beforeAll(() => {
    const t0 = Date.now();
    const r = runCli(['train', 'mlp-raw', '--json', '--runs-dir', join(tmp, 'runs')]);
    seconds = (Date.now() - t0) / 1000;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    out = r.json();
  });

  it('reaches test accuracy ≥ 0.91 within 60 s on wasm (PyTorch, same settings: 0.916–0.920)', () => {
    expect(out).toMatchObject({ model: 'mlp-raw', backend: 'wasm', params: 7960, epochs: 3 });
    expect(out.test.accuracy).toBeGreaterThanOrEqual(0.91);
    expect(seconds).toBeLessThan(60);
    for (const k of ['loss', 'acc', 'val_loss', 'val_acc']) expect(out.history[k]).toHaveLength(3);
    const cm: number[][] = out.test.confusionMatrix;
    expect(cm).toHaveLength(10);
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(10000);
    expect(cm.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('records the run: config, history, metrics, and a model tf.loadLayersModel reloads', async () => {
    const record = JSON.parse(readFileSync(join(out.runDir, 'run.json'), 'utf8'));
    expect(record).toMatchObject({
      schemaVersion: 2,
      status: 'complete',
      config: {
        model: 'mlp-raw',
        epochs: 3,
        batchSize: 128,
        seed: 0,
        backend: 'wasm',
        optimizer: { name: 'rmsprop', learningRate: 0.001, rho: 0.9, epsilon: 1e-7 },
      },
    });
    expect(record.config.data.files.map((f: { sha256: string }) => f.sha256)).toContain('440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609');
    expect(record.config.data).toMatchObject({ trainCount: 54000, validationCount: 6000, testCount: 10000 });
    expect(record.test.accuracy).toBe(out.test.accuracy);
    expect(record.history).toEqual(out.history);
    // Reload with tf.loadLayersModel and re-evaluate on the same backend: the same test accuracy.
    registerNodeBackends();
    await useBackend('wasm');
    const model = await tf.loadLayersModel(modelFolderHandler(join(out.runDir, 'model')));
    const mnist = await loadMnist({ dir: MNIST });
    const ev = await evaluateModel(model, mnistPixelDataset(mnist.test, 'flat'));
    expect(ev.accuracy).toBe(out.test.accuracy);
    expect(ev.loss).toBeCloseTo(out.test.loss, 5);
  });
});

describe('bad data gives one line naming the file, exit 3', () => {
  function dataDirWith(name: string, bytes: Uint8Array): string {
    const d = mkdtempSync(join(tmp, 'data-'));
    mkdirSync(d, { recursive: true });
    for (const f of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'])
      copyFileSync(join(MNIST, f), join(d, f));
    writeFileSync(join(d, name), bytes);
    return d;
  }
  const header = (magic: number, dims: number[]) => {
    const b = Buffer.alloc(4 + 4 * dims.length);
    b.writeUInt32BE(magic, 0);
    dims.forEach((v, i) => b.writeUInt32BE(v, 4 + 4 * i));
    return b;
  };

  it.each([
    ['a truncated .gz', () => readFileSync(join(MNIST, 'train-images-idx3-ubyte.gz')).subarray(0, 300000), /train-images-idx3-ubyte\.gz: truncated gzip/],
    [
      'a wrong magic number',
      () => gzipSync(Buffer.concat([header(0x12345678, [60000, 28, 28]), Buffer.alloc(64)])),
      /train-images-idx3-ubyte\.gz: not an IDX file: magic 0x12345678/,
    ],
    [
      'an absurd header',
      () => gzipSync(Buffer.concat([header(0x803, [1e9, 28, 28]), Buffer.alloc(64)])),
      /train-images-idx3-ubyte\.gz: IDX header claims 1000000000×28×28/,
    ],
  ])('%s', (_what, bytes, message) => {
    const d = dataDirWith('train-images-idx3-ubyte.gz', bytes());
    const r = runCli(['train', 'mlp-raw', '--data', d, '--no-record', '--json']);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^nnlab: error: /);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('usage errors exit 2', () => {
  it('unknown model', () => {
    const r = runCli(['train', 'resnet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown model 'resnet': the zoo has mlp-raw, mlp-hog, cnn-mnist, cnn-pneumonia/);
  });
  it('bad flag value', () => {
    const r = runCli(['train', 'mlp-raw', '--batch-size', 'big']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--batch-size expects an integer/);
  });
  it('unavailable backend lists the usable ones, exit 4', () => {
    const r = runCli(['train', 'mlp-raw', '--backend', 'tensorflow', '--no-record']);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/backend 'tensorflow' is not available: .*Available here: wasm, cpu/);
  });
});
