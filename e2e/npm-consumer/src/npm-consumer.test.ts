/**
 * Proof that the published packages work outside the monorepo: `npm pack` each library, install
 * the tarballs (plus tfjs from the registry) into a fresh folder under the OS temp dir, then run
 * an ESM and a CommonJS script there that import `@nnlab/models`, `@nnlab/experiments` and
 * `@nnlab/datasets/node`, build mlp-raw, train one batch on the wasm backend and predict.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const libs = ['kernels-wasm', 'core', 'datasets', 'features-hog', 'metrics', 'models', 'experiments'];
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'nnlab-consumer-'));
  const tarballs = join(work, 'tarballs');
  execFileSync('mkdir', ['-p', tarballs]);
  for (const lib of libs) {
    execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs], { cwd: join(root, 'packages', lib), stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files, '@tensorflow/tfjs@4.22.0', '@tensorflow/tfjs-backend-wasm@4.22.0'],
    { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] },
  );
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const SCRIPT_BODY = `
  registerNodeBackends();
  const active = await useBackend('wasm');
  const mnist = await loadMnist({ dir: DATA_DIR, limit: { train: 256, test: 64 } });
  const model = buildZooModel('mlp-raw', { seed: 1 });
  const params = summarizeModel(model).totalParams;
  const train = mnistPixelDataset(mnist.train, 'flat');
  const r = await fit(model, train, { epochs: 1, batchSize: 256, optimizer: 'rmsprop' });
  const ev = await evaluateModel(model, mnistPixelDataset(mnist.test, 'flat'));
  console.log(JSON.stringify({ backend: active.name, params, steps: r.history.loss.length, loss: r.history.loss[0], n: ev.labels.length, p: ev.predictions.length }));
`;

function runScript(file: string, source: string) {
  const app = join(work, 'app');
  writeFileSync(join(app, file), source);
  const r = spawnSync(process.execPath, [file], { cwd: app, encoding: 'utf8' });
  return r;
}

const DATA_DIR = JSON.stringify(join(root, 'data', 'mnist'));

it('works from an ES module', () => {
  const r = runScript(
    'esm.mjs',
    `import { buildZooModel, summarizeModel } from '@nnlab/models';
     import { mnistPixelDataset } from '@nnlab/experiments';
     import { loadMnist } from '@nnlab/datasets/node';
     import { fit, evaluateModel, useBackend } from '@nnlab/core';
     import { registerNodeBackends } from '@nnlab/core/node';
     import * as tf from '@tensorflow/tfjs';
     tf.env().set('PROD', true);
     const DATA_DIR = ${DATA_DIR};
     ${SCRIPT_BODY}`,
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
  expect(out).toMatchObject({ backend: 'wasm', params: 7960, steps: 1, n: 64, p: 640 });
  expect(Number.isFinite(out.loss)).toBe(true);
});

it('works from CommonJS', () => {
  const r = runScript(
    'cjs.cjs',
    `const { buildZooModel, summarizeModel } = require('@nnlab/models');
     const { mnistPixelDataset } = require('@nnlab/experiments');
     const { loadMnist } = require('@nnlab/datasets/node');
     const { fit, evaluateModel, useBackend } = require('@nnlab/core');
     const { registerNodeBackends } = require('@nnlab/core/node');
     require('@tensorflow/tfjs').env().set('PROD', true);
     const DATA_DIR = ${DATA_DIR};
     (async () => { ${SCRIPT_BODY} })().catch((e) => { console.error(e); process.exit(1); });`,
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toMatchObject({ backend: 'wasm', params: 7960, n: 64 });
});
