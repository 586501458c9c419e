/**
 * `nnlab predict` through the real bin: predictions on PNG digits equal the model's own outputs
 * on the same pixels, and unsafe or truncated model folders are refused with exit 6.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
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
    await sharp(px, { raw: { width: 28, height: 28, channels: 1 } })
      .png()
      .toFile(join(tmp, `digit-${i}.png`));
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('gives the model outputs for the same pixels, per image', async () => {
  const files = Array.from({ length: N }, (_, i) => join(tmp, `digit-${i}.png`));
  // --no-center: the same pixels as the model saw in training (MNIST images are light on dark, so
  // nothing is inverted either)
  const r = runCli(['predict', runDir, ...files, '--no-center', '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const preds = r.json<{ file: string; class: number; probability: number; probabilities: number[] }[]>();
  expect(preds).toHaveLength(N);
  await tf.setBackend('cpu');
  const model = await loadModelFromDir(join(runDir, 'model'));
  const mnist = await loadMnist({ dir: MNIST, limit: { train: 1, test: N } });
  const x = tf.tensor(
    Float32Array.from(mnist.test.images, (v) => v / 255),
    [N, 784],
  );
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
    expect(r.stderr).toMatch(/weights\.bin: holds 100 bytes, expected 31840/);
  });
  it('a non-image file names the file (exit 3)', () => {
    writeFileSync(join(tmp, 'notes.png'), 'hello');
    const r = runCli(['predict', runDir, join(tmp, 'notes.png')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/notes\.png/);
  });

  it('a missing image and a folder given as an image: one line naming it, exit 3', () => {
    mkdirSync(join(tmp, 'folder.png'));
    for (const [file, problem] of [
      [join(tmp, 'missing.png'), 'no such file'],
      [join(tmp, 'folder.png'), 'is a folder, not a file'],
    ]) {
      const r = runCli(['predict', runDir, file]);
      expect([file, r.status]).toEqual([file, 3]);
      expect(r.stderr).toBe(`nnlab: error: ${file}: ${problem}\n`);
    }
  });
  it('an unknown layer, an unknown activation or bad units in model.json: exit 6 naming model.json', () => {
    const edits: [string, (l: { class_name: string; config: Record<string, unknown> }) => void][] = [
      ['layer', (l) => (l.class_name = 'Dense2')],
      ['activation', (l) => (l.config.activation = 'swishy')],
      ['units', (l) => (l.config.units = -1)],
    ];
    for (const [what, edit] of edits) {
      const d = copyModel(`bad-${what}`);
      const j = JSON.parse(readFileSync(join(d, 'model.json'), 'utf8'));
      edit(j.modelTopology.config.layers.find((l: { class_name: string }) => l.class_name === 'Dense'));
      writeFileSync(join(d, 'model.json'), JSON.stringify(j));
      const r = runCli(['predict', d, join(tmp, 'digit-0.png')]);
      expect([what, r.status]).toEqual([what, 6]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(join(d, 'model.json'));
    }
  });
  it('NaN weights: refused, exit 6, instead of "probability NaN"', () => {
    const d = copyModel('nan');
    const w = readFileSync(join(d, 'weights.bin'));
    w.writeFloatLE(NaN, 0);
    writeFileSync(join(d, 'weights.bin'), w);
    const r = runCli(['predict', d, join(tmp, 'digit-0.png')]);
    expect(r.status).toBe(6);
    expect(r.stderr).toMatch(/weight '.*' holds NaN at index 0: the model is damaged/);
  });
  it('weights.bin or model.json that is /dev/zero or a FIFO: refused at once (no hang, no memory growth)', () => {
    const zero = copyModel('zero');
    rmSync(join(zero, 'weights.bin'));
    symlinkSync('/dev/zero', join(zero, 'weights.bin'));
    const fifo = copyModel('fifo');
    rmSync(join(fifo, 'model.json'));
    execFileSync('mkfifo', [join(fifo, 'model.json')]);
    for (const d of [zero, fifo]) {
      const r = runCli(['predict', d, join(tmp, 'digit-0.png')], {}, 30000);
      expect([d, r.status]).toEqual([d, 6]);
    }
  });
  it('a run.json whose modelDir leaves the run folder is not followed (exit 6)', () => {
    const run = join(tmp, 'escaping-run');
    mkdirSync(run);
    const rec = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    writeFileSync(join(run, 'run.json'), JSON.stringify({ ...rec, modelDir: `../${runDir.split('/').pop()}/model` }));
    const r = runCli(['predict', run, join(tmp, 'digit-0.png')]);
    expect(r.status).toBe(6);
    expect(r.stderr).toMatch(/run\.json: modelDir '.*' points outside the run folder/);
  });
});

it('by default inverts a dark-on-light drawing and centres it, and says so', async () => {
  // digit 0 of the test set drawn black on white, small and off-centre on a larger page
  const mnist = await loadMnist({ dir: MNIST, limit: { train: 1, test: 1 } });
  const page = new Uint8Array(64 * 64).fill(255);
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) page[(y + 30) * 64 + x + 4] = 255 - mnist.test.images[y * 28 + x];
  await sharp(Buffer.from(page), { raw: { width: 64, height: 64, channels: 1 } })
    .png()
    .toFile(join(tmp, 'paper.png'));
  const auto = runCli(['predict', runDir, join(tmp, 'paper.png'), '--json']);
  expect(auto.status).toBe(0);
  const [p] = auto.json<{ class: number; applied: { invert: boolean; invertReason: string; center: boolean } }[]>();
  expect(p.applied).toEqual({ invert: true, invertReason: 'auto: dark-on-light', center: true });
  const plain = runCli(['predict', runDir, join(tmp, 'digit-0.png'), '--no-center', '--json']).json<{ class: number }[]>()[0];
  expect(p.class).toBe(plain.class);
  const table = runCli(['predict', runDir, join(tmp, 'paper.png')]);
  expect(table.stdout).toMatch(/paper\.png\s+\d\s+0\.\d{4}\s+inverted \(auto: dark-on-light\), centred/);
});
