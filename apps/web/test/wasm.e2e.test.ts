/**
 * The wasm backend in the browser trains the CNN: tfjs-backend-wasm alone cannot (it has no
 * Conv2DBackpropFilter); the page gets nnlab's training kernels through registerBrowserBackends.
 */
import type { Browser } from 'playwright-core';
import { DIST_DIR, openApp, screenshot, trainQuick } from './support/app';
import { launch, openPage, type WatchedPage } from './support/browser';
import { serveStatic, type StaticServer } from './support/static-server';

let server: StaticServer;
let browser: Browser;
let w: WatchedPage;

beforeAll(async () => {
  server = await serveStatic(DIST_DIR);
  browser = await launch();
  w = await openPage(browser);
  await openApp(w.page, server.url, '?backend=wasm');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('cnn-mnist trains on wasm in the page and learns', async () => {
  expect(await w.page.textContent('[data-testid=backend-name]')).toBe('wasm');
  const status = await trainQuick(w.page, { model: 'cnn-mnist', limit: 20000, epochs: 2 }, 120_000);
  expect(status).toMatch(/^done: cnn-mnist #1, test accuracy 0\.\d{4}/);
  const accuracy = Number(await w.page.getAttribute('[data-testid=test-metrics]', 'data-accuracy'));
  expect(accuracy).toBeGreaterThan(0.5);
  await w.page.waitForSelector('[data-testid=confusion-chart][data-rendered=true] svg');
  await screenshot(w.page, 'train-cnn-wasm');
  expect(w.errors).toEqual([]);
}, 150_000);
