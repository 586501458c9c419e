/**
 * `nnlab predict` through the real bin: predictions on PNG digits equal the model's own outputs
 * on the same pixels, and unsafe or truncated model folders are refused with exit 6.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { loadModelFromDir } from '@nnlab/core/node';
import { loadMnist } from '@nnlab/datasets/node';
import { runCli } from './run-cli';

const MNIST = resolve(__dirname, '../../../data/mnist');
let tmp: string;
let runDir: string;
const N = 6;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-predict-'));
  const r = runCli(['train', 'mlp-raw', '--limit', '3000', '--epochs', '1', '--json', '--runs-dir', join(tmp, 'runs')]);
  expect(r.status).toBe(0);
  runDir = r.json<{ runDir: string }>().runDir;
  const mnist = await loadMnist({ dir: MNIST, limit: { train: 1, test: N } });
  for (let i = 0; i < N; i++) {
    const px = Buffer.from(mnist.test.images.subarray(i * 784, (i + 1) * 784));
    await sharp(px, { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(join(tmp, `digit-${i}.png`));
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('gives the model outputs for the same pixels, per image', async () => {
  const files = Array.from({ length: N }, (_, i) => join(tmp, `digit-${i}.png`));
  const r = runCli(['predict', runDir, ...files, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const preds = r.json<{ file: string; class: number; probability: number; probabilities: number[] }[]>();
  expect(preds).toHaveLength(N);
  await tf.setBackend('cpu');
  const model = await loadModelFromDir(join(runDir, 'model'));
  const mnist = await loadMnist({ dir: MNIST, limit: { train: 1, test: N } });
  const x = tf.tensor(Float32Array.from(mnist.test.images, (v) => v / 255), [N, 784]);
  const expected = (model.predict(x) as tf.Tensor).arraySync() as number[][];
  preds.forEach((p, i) => {
    p.probabilities.forEach((v, k) => expect(Math.abs(v - expected[i][k])).toBeLessThan(1e-5));
    expect(p.class).toBe(expected[i].indexOf(Math.max(...expected[i])));
  });
});

it('prints a table for people', () => {
  const r = runCli(['predict', runDir, join(tmp, 'digit-0.png')]);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/model: mlp-raw \(run /);
  expect(r.stdout).toMatch(/digit-0\.png\s+\d\s+0\.\d{4}/);
});

describe('refuses unsafe or broken model folders (exit 6)', () => {
  function copyModel(name: string): string {
    const d = join(tmp, name);
    mkdirSync(d);
    for (const f of ['model.json', 'weights.bin']) copyFileSync(join(runDir, 'model', f), join(d, f));
    return d;
  }
  it('weights path outside the folder', () => {
    const d = copyModel('escape');
    const j = JSON.parse(readFileSync(join(d, 'model.json'), 'utf8'));
    j.weightsManifest[0].paths = ['../../etc/passwd'];
    writeFileSync(join(d, 'model.json'), JSON.stringify(j));
    const r = runCli(['predict', d, join(tmp, 'digit-0.png')]);
    expect(r.status).toBe(6);
    expect(r.stderr).toMatch(/weights path '\.\.\/\.\.\/etc\/passwd' points outside the model folder/);
  });
  it('weights shorter than the manifest', () => {
    const d = copyModel('short');
    truncateSync(join(d, 'weights.bin'), 100);
    const r = runCli(['predict', d, join(tmp, 'digit-0.png')]);
    expect(r.status).toBe(6);
    expect(r.stderr).toMatch(/weights hold 100 bytes but the manifest describes 31840/);
  });
  it('a non-image file names the file (exit 3)', () => {
    writeFileSync(join(tmp, 'notes.png'), 'hello');
    const r = runCli(['predict', runDir, join(tmp, 'notes.png')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/notes\.png/);
  });
});
