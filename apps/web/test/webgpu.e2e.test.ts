/**
 * WebGPU in Chromium without a GPU: with `--enable-unsafe-webgpu --use-webgpu-adapter=swiftshader`
 * there is an adapter, but a software one (SwiftShader): "auto" skips it and says so; asked for by
 * name (`?backend=webgpu`), a tiny run trains on it and a drawn digit is predicted.
 */
import { digitPredictions, drawOne, openApp, screenshot, trainQuick } from './support/app';
import type { WatchedPage } from './support/browser';
import { startAppSession, type AppSession } from './support/session';

let session: AppSession;
let w: WatchedPage;
let server: AppSession['server'];

beforeAll(async () => {
  session = await startAppSession({ webgpu: true });
  ({ w, server } = session);
});
afterAll(async () => {
  await session?.close();
});

test('"auto" skips the software WebGPU adapter for wasm, saying why', async () => {
  await openApp(w.page, server.url);
  expect(await w.page.textContent('[data-testid=backend-name]')).toBe('wasm');
  expect(await w.page.textContent('[data-testid=backend-why]')).toMatch(
    /webgpu: software adapter \(google swiftshader\): it would run on the CPU, slower than wasm/,
  );
  expect(w.errors).toEqual([]);
});

test('asked for by name, WebGPU trains a tiny mlp-raw', async () => {
  await openApp(w.page, server.url, '?backend=webgpu');
  expect(await w.page.textContent('[data-testid=backend-name]')).toBe('webgpu');
  expect(await w.page.textContent('[data-testid=backend-skipped] [data-backend=webgpu]')).toContain('active');
  const status = await trainQuick(w.page, { model: 'mlp-raw', limit: 1000, epochs: 1 });
  expect(status).toMatch(/^done: mlp-raw #1/);
  expect(await w.page.textContent('[data-testid=session-models]')).toContain('trained here on webgpu');
  await w.page.waitForSelector('[data-testid=confusion-chart][data-rendered=true] svg');
  await screenshot(w.page, 'train-webgpu');
  await drawOne(w.page);
  await w.page.waitForSelector('[data-testid=digit-predictions] [data-testid=prediction-card]');
  const [p] = await digitPredictions(w.page);
  expect(p.probs).toHaveLength(10);
  expect(w.errors).toEqual([]);
});
