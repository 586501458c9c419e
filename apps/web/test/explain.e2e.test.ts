/**
 * Explanations in the web app, in real headless Chromium: an imported cnn-pneumonia model shows a
 * Grad-CAM overlay on the X-ray card whose opacity slider redraws it; every digit model shows a
 * saliency overlay on its card, and the CNN a layer view of the drawn digit's activations;
 * clicking a confusion-matrix cell after training opens the gallery of its test images with
 * their explanations.
 * Screenshots at 1280×800 and 390×844 go to test-results/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { modelToFiles } from '@nnlab/core';
import { buildZooModel } from '@nnlab/models';
import { REPO_DIR, drawOne, screenshot, showTab, trainQuick } from './support/app';
import type { WatchedPage } from './support/browser';
import { nodeBackend } from './support/node-model';
import { startAppSession, type AppSession } from './support/session';

const XRAY = resolve(REPO_DIR, '../shared/data/chest_xray_sample/test/PNEUMONIA/person38_virus_84.jpeg');

let tmp: string;
let session: AppSession;
let w: WatchedPage;

async function saveModel(id: string, args: { imageSize?: number } = {}): Promise<string[]> {
  const model = buildZooModel(id, { seed: 5, ...args });
  const files = await modelToFiles(model);
  model.dispose();
  const dir = join(tmp, id);
  mkdirSync(dir);
  writeFileSync(join(dir, 'model.json'), files.modelJson);
  writeFileSync(join(dir, 'weights.bin'), files.weights['weights.bin']);
  return [join(dir, 'model.json'), join(dir, 'weights.bin')];
}

async function importFiles(paths: string[]): Promise<void> {
  await showTab(w.page, 'models');
  await w.page.setInputFiles('[data-testid=model-import]', paths);
  await w.page.click('[data-testid=import-button]');
  await w.page.waitForSelector('[data-testid=import-status]:is([data-state=done], [data-state=error])');
  expect(await w.page.getAttribute('[data-testid=import-status]', 'data-state')).toBe('done');
}

/** Coloured (non-gray) pixels of a canvas: the heat drawn over the grayscale image. */
function colouredPixels(selector: string): Promise<number> {
  return w.page.$eval(selector, (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[i + 2]) > 8) n++;
    return n;
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-web-explain-'));
  await nodeBackend();
  session = await startAppSession({ query: '?backend=wasm' });
  ({ w } = session);
});
afterAll(async () => {
  await session?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the X-ray card shows a Grad-CAM overlay with an opacity slider', async () => {
  await importFiles(await saveModel('cnn-pneumonia', { imageSize: 64 }));
  await showTab(w.page, 'use');
  await w.page.setInputFiles('[data-testid=xray-upload]', XRAY);
  const overlay = '[data-testid=xray-card] [data-testid=explain-overlay]';
  await w.page.waitForSelector(overlay);
  const caption = (await w.page.textContent('[data-testid=xray-card] .explain-view figcaption')) ?? '';
  expect(caption).toMatch(/^Grad-CAM at conv2d_4 \(4×4\) for (normal|pneumonia), the prediction/);
  const before = await colouredPixels(overlay);
  await w.page.fill('[data-testid=xray-card] [data-testid=explain-opacity]', '0');
  expect(await colouredPixels(overlay)).toBe(0); // opacity 0: the X-ray alone
  await w.page.fill('[data-testid=xray-card] [data-testid=explain-opacity]', '80');
  if (!/zero everywhere/.test(caption)) expect(await colouredPixels(overlay)).toBeGreaterThanOrEqual(before);
  await w.page.setViewportSize({ width: 1280, height: 800 });
  await w.page.locator('[data-testid=xray-card]').scrollIntoViewIfNeeded();
  await screenshot(w.page, 'explain-xray-1280');
  await w.page.setViewportSize({ width: 390, height: 844 });
  await screenshot(w.page, 'explain-xray-390');
  expect(w.errors).toEqual([]);
});

test('every digit model shows a saliency overlay, and the CNN its layer view', async () => {
  await w.page.setViewportSize({ width: 1280, height: 800 });
  await importFiles(await saveModel('cnn-mnist'));
  await importFiles(await saveModel('mlp-hog'));
  await drawOne(w.page);
  await w.page.waitForFunction(() => document.querySelectorAll('[data-testid=digit-predictions] [data-testid=explain-overlay]').length >= 2);
  const captions = await w.page.$$eval('[data-testid=digit-predictions] .explain-view figcaption', (els) => els.map((e) => e.textContent ?? ''));
  expect(captions.some((c) => /^saliency per HOG cell for \d \(the prediction\)/.test(c))).toBe(true);
  expect(captions.some((c) => /^saliency for \d \(the prediction\)/.test(c))).toBe(true);
  const layers = w.page.locator('[data-testid=prediction-card][data-zoo-id=cnn-mnist] [data-testid=layer-view]');
  await layers.locator('summary').click();
  expect(await layers.locator('.layer-row').count()).toBe(3);
  expect(await layers.locator('canvas').count()).toBe(30);
  await w.page.locator('[data-testid=digit-predictions]').scrollIntoViewIfNeeded();
  await screenshot(w.page, 'explain-digits-1280');
  await w.page.setViewportSize({ width: 390, height: 844 });
  await screenshot(w.page, 'explain-digits-390');
  expect(w.errors).toEqual([]);
});

test('clicking a confusion-matrix cell opens the gallery of its test images with explanations', async () => {
  await w.page.setViewportSize({ width: 1280, height: 800 });
  await trainQuick(w.page, { model: 'mlp-raw', limit: 1000, epochs: 1 });
  await w.page.waitForSelector('[data-testid=confusion-chart][data-rendered=true]');
  // cells in data order: (true 0, predicted 0), (0, 1), … — (1, 1) is the 12th
  const cells = w.page.locator('[data-testid=confusion-chart] svg g.mark-rect.role-mark path');
  expect(await cells.count()).toBe(100);
  await cells.nth(11).click({ force: true });
  const gallery = w.page.locator('[data-testid=gallery-content]');
  await gallery.waitFor({ timeout: 60_000 });
  const count = Number(await gallery.getAttribute('data-count'));
  const shown = await gallery.locator('[data-testid=explain-overlay]').count();
  expect(count).toBeGreaterThan(0); // most 1s are recognised after one epoch
  expect(shown).toBe(Math.min(8, count));
  expect(await gallery.locator('h3').textContent()).toMatch(/true 1, predicted 1 — \d+ test image/);
  await gallery.scrollIntoViewIfNeeded();
  await screenshot(w.page, 'explain-gallery-1280');
  await w.page.setViewportSize({ width: 390, height: 844 });
  await screenshot(w.page, 'explain-gallery-390');
  expect(w.errors).toEqual([]);
});
