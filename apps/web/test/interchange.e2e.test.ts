/**
 * Model interchange with the CLI. A model trained by `nnlab train` (its run's model/ folder) is
 * imported in the page and predicts a 28×28 PNG exactly as Node does (±1e-4); a model trained in
 * the page is exported as one file that `nnlab predict` reads with the same predictions and `nnlab
 * runs import` turns into a run folder, and which the page re-imports with its metrics; an imported cnn-pneumonia
 * model gives the same pneumonia probability for an uploaded X-ray PNG as in Node.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelToFiles } from '@nnlab/core';
import { loadMnist, loadPneumoniaMnist } from '@nnlab/datasets/node';
import { encodePng } from '@nnlab/features-hog/node';
import { buildZooModel } from '@nnlab/models';
import { REPO_DIR, digitPredictions, screenshot, showTab, trainQuick } from './support/app';
import type { WatchedPage } from './support/browser';
import { startAppSession, type AppSession } from './support/session';
import { grayToRgba, nodeBackend, predictInNode } from './support/node-model';

const CLI = join(REPO_DIR, 'apps/cli/bin/nnlab.js');
const TOLERANCE = 1e-4;

let tmp: string;
let session: AppSession;
let w: WatchedPage;
let cliRunDir: string;
let digitPng: string;

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  const worst = Math.max(...actual.map((v, i) => Math.abs(v - expected[i])));
  expect(worst).toBeLessThanOrEqual(TOLERANCE);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-web-e2e-'));
  // A model trained by the CLI, as a user would: nnlab train … --json.
  const r = spawnSync(process.execPath, [CLI, 'train', 'mlp-raw', '--limit', '2000', '--epochs', '1', '--runs-dir', join(tmp, 'runs'), '--json'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`nnlab train failed (${r.status}): ${r.stderr}`);
  cliRunDir = JSON.parse(r.stdout.trim().split('\n').pop()!).runDir;
  // A 28×28 PNG of an MNIST test digit.
  const mnist = await loadMnist({ dir: join(REPO_DIR, 'data/mnist'), limit: { train: 1, test: 8 } });
  digitPng = join(tmp, 'digit.png');
  writeFileSync(digitPng, encodePng(grayToRgba(mnist.test.images.subarray(7 * 784, 8 * 784)), 28, 28));

  session = await startAppSession({ query: '?backend=wasm' });
  ({ w } = session);
});
afterAll(async () => {
  await session?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function importFiles(paths: string[]): Promise<string> {
  await showTab(w.page, 'models');
  await w.page.setInputFiles('[data-testid=model-import]', paths);
  await w.page.click('[data-testid=import-button]');
  await w.page.waitForSelector('[data-testid=import-status]:is([data-state=done], [data-state=error])');
  const text = (await w.page.textContent('[data-testid=import-status]')) ?? '';
  if ((await w.page.getAttribute('[data-testid=import-status]', 'data-state')) !== 'done') throw new Error(text);
  return text;
}

async function uploadDigit(path: string): Promise<void> {
  await showTab(w.page, 'use');
  await w.page.setInputFiles('[data-testid=digit-upload]', path);
  await w.page.waitForFunction((name) => document.querySelector('[data-testid=digit-predictions]')?.getAttribute('data-source') === name, 'digit.png');
}

test('a model trained by `nnlab train` imports and predicts a PNG exactly as in Node', async () => {
  const modelDir = join(cliRunDir, 'model');
  const status = await importFiles([join(modelDir, 'model.json'), join(modelDir, 'weights.bin')]);
  // `nnlab train` saves the spec in model.json's metadata: the page reads it instead of guessing from shapes.
  expect(status).toMatch(/imported mlp-raw #1: MLP on raw MNIST pixels, 7,960 parameters \(from its metadata\)/);
  await uploadDigit(digitPng);
  const [page] = await digitPredictions(w.page);
  expect(page.zooId).toBe('mlp-raw');
  expectClose(page.probs, await predictInNode(modelDir, 'mlp-raw', digitPng, { centerDigit: true }));
  await screenshot(w.page, 'use-imported-cli-model');
  expect(w.errors).toEqual([]);
});

function cli(args: string[]): unknown {
  const r = spawnSync(process.execPath, [CLI, ...args, '--json'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`nnlab ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('a model trained in the page exports as ONE file: nnlab predict reads it, runs import keeps its record, the page re-imports it with its metrics', async () => {
  await trainQuick(w.page, { model: 'mlp-hog', limit: 1000, epochs: 1 });
  const accuracy = Number(await w.page.getAttribute('[data-testid=test-metrics]', 'data-accuracy'));
  await showTab(w.page, 'models');
  const row = w.page.locator('[data-testid=session-models] tr[data-zoo-id=mlp-hog]');
  const download = w.page.waitForEvent('download');
  await row.locator('[data-testid=export-button]').click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('mlp-hog-2.nnlab.json');
  const bundle = join(tmp, d.suggestedFilename());
  await d.saveAs(bundle);

  await uploadDigit(digitPng);
  const card = (await digitPredictions(w.page)).find((p) => p.zooId === 'mlp-hog')!;
  // nnlab predict reads the exported file as it is.
  const [predicted] = cli(['predict', bundle, digitPng]) as { probabilities: number[] }[];
  expectClose(card.probs, predicted.probabilities);
  // nnlab runs import makes it a run folder with the page's record.
  const imported = cli(['runs', 'import', bundle, '--runs-dir', join(tmp, 'imported-runs')]) as { id: string; test: { accuracy: number } };
  expect(imported.test.accuracy).toBe(accuracy);
  const shown = cli(['runs', 'show', imported.id, '--runs-dir', join(tmp, 'imported-runs')]) as { config: { model: string }; history: { loss: number[] } };
  expect(shown.config.model).toBe('mlp-hog');
  expect(shown.history.loss).toHaveLength(1);
  // Back in the page: the re-imported model shows its test accuracy and its run.
  const status = await importFiles([bundle]);
  expect(status).toMatch(/imported mlp-hog #2 \(imported\).*with its run record/);
  const reimported = w.page.locator('[data-testid=run-list] tr[data-run-label="mlp-hog #2 (imported)"]');
  expect(Number(await reimported.getAttribute('data-test-accuracy'))).toBe(accuracy);
  await screenshot(w.page, 'models-runs');
  expect(w.errors).toEqual([]);
});

test('an imported cnn-pneumonia model gives the same pneumonia probability for an uploaded X-ray as Node', async () => {
  // A cnn-pneumonia model with seeded weights (the CLI cannot train it yet), saved as the CLI saves.
  await nodeBackend();
  const model = buildZooModel('cnn-pneumonia', { seed: 3, imageSize: 64 });
  const files = await modelToFiles(model);
  model.dispose();
  const modelDir = join(tmp, 'pneumonia-model');
  mkdirSync(modelDir);
  writeFileSync(join(modelDir, 'model.json'), files.modelJson);
  writeFileSync(join(modelDir, 'weights.bin'), files.weights['weights.bin']);
  const p = await loadPneumoniaMnist({ path: join(REPO_DIR, 'data') });
  const xray = join(tmp, 'xray.png');
  writeFileSync(xray, encodePng(grayToRgba(p.test.images.subarray(0, 784)), 28, 28));

  const status = await importFiles([join(modelDir, 'model.json'), join(modelDir, 'weights.bin')]);
  expect(status).toContain('CNN on chest X-rays');
  await showTab(w.page, 'use');
  await w.page.setInputFiles('[data-testid=xray-upload]', xray);
  await w.page.waitForSelector('[data-testid=xray-card]');
  const probability = Number(await w.page.getAttribute('[data-testid=xray-card]', 'data-probability'));
  const [expected] = await predictInNode(modelDir, 'cnn-pneumonia', xray);
  expect(Math.abs(probability - expected)).toBeLessThanOrEqual(TOLERANCE);
  await screenshot(w.page, 'use-xray');
  expect(w.errors).toEqual([]);
});
