/**
 * The wasm backend in the browser trains the CNN: tfjs-backend-wasm alone cannot (it has no
 * Conv2DBackpropFilter); the page gets nnlab's training kernels through registerBrowserBackends.
 */
import { screenshot, trainQuick } from './support/app';
import type { WatchedPage } from './support/browser';
import { startAppSession, type AppSession } from './support/session';

let session: AppSession;
let w: WatchedPage;

beforeAll(async () => {
  session = await startAppSession({ query: '?backend=wasm' });
  ({ w } = session);
});
afterAll(async () => {
  await session?.close();
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

test('mlp-raw trains on wasm in the page through the fused dense trainer', async () => {
  const status = await trainQuick(w.page, { model: 'mlp-raw', limit: 20000, epochs: 2 }, 60_000);
  expect(status).toMatch(/^done: mlp-raw #\d+, test accuracy 0\.\d{4}/);
  expect(await w.page.getAttribute('[data-testid=train-progress]', 'data-step-engine')).toBe('fused-dense');
  expect(await w.page.textContent('[data-testid=train-progress]')).toMatch(/samples\/s \(fused dense trainer\)/);
  const accuracy = Number(await w.page.getAttribute('[data-testid=test-metrics]', 'data-accuracy'));
  expect(accuracy).toBeGreaterThan(0.7);
  expect(w.errors).toEqual([]);
}, 90_000);
