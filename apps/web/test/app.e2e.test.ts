/**
 * The built app loads cleanly: no console errors, a backend chosen automatically by measurement
 * with its reasons, tabs, and a backend switch remembered across reloads.
 */
import { openApp, screenshot, showTab } from './support/app';
import type { WatchedPage } from './support/browser';
import { startAppSession, type AppSession } from './support/session';

let session: AppSession;
let w: WatchedPage;
let server: AppSession['server'];

beforeAll(async () => {
  session = await startAppSession({});
  ({ w, server } = session);
});
afterAll(async () => {
  await session?.close();
});

test('loads without console errors; on a software WebGL "auto" chooses wasm and says why', async () => {
  await openApp(w.page, server.url);
  // Without a GPU, Chromium's WebGL is SwiftShader: skipped by name, wasm timed and chosen.
  expect(await w.page.textContent('[data-testid=backend-name]')).toBe('wasm');
  const why = (await w.page.textContent('[data-testid=backend-why]')) ?? '';
  expect(why).toMatch(/^wasm chosen automatically: probe: [\d.]+ ms per round/);
  expect(why).toMatch(/webgl: software adapter \(.*SwiftShader.*\): it would run on the CPU, slower than wasm/);
  expect(await w.page.textContent('[data-testid=backend-skipped] [data-backend=webgpu]')).toMatch(/webgpu — not available: .*adapter/);
  expect(await w.page.textContent('[data-testid=backend-skipped] [data-backend=wasm]')).toContain('active');
  // Every zoo model is offered; the course settings fill the form.
  const models = await w.page.$$eval('[data-testid=model-select] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(models).toEqual(['mlp-raw', 'mlp-hog', 'cnn-mnist', 'cnn-pneumonia']);
  expect(await w.page.inputValue('[name=batchSize]')).toBe('128');
  expect(await w.page.getAttribute('[name=hidden]', 'placeholder')).toBe('course: 10');
  await showTab(w.page, 'use');
  await showTab(w.page, 'models');
  await showTab(w.page, 'train');
  await screenshot(w.page, 'app-loaded');
  expect(w.errors).toEqual([]);
});

test('switches backends on demand and remembers the choice across a reload', async () => {
  await w.page.selectOption('[data-testid=backend-select]', 'cpu');
  await w.page.click('[data-testid=backend-switch]');
  await w.page.waitForFunction(() => document.querySelector('[data-testid=backend-name]')?.textContent === 'cpu');
  await w.page.selectOption('[data-testid=backend-select]', 'wasm');
  await w.page.click('[data-testid=backend-switch]');
  await w.page.waitForFunction(() => document.querySelector('[data-testid=backend-name]')?.textContent === 'wasm');
  await w.page.selectOption('[data-testid=backend-select]', 'cpu');
  await w.page.click('[data-testid=backend-switch]');
  await w.page.waitForFunction(() => document.querySelector('[data-testid=backend-name]')?.textContent === 'cpu');
  await openApp(w.page, server.url);
  expect(await w.page.textContent('[data-testid=backend-name]')).toBe('cpu');
  expect(await w.page.textContent('[data-testid=backend-why]')).toMatch(/^cpu chosen by hand/);
  await w.page.selectOption('[data-testid=backend-select]', 'auto');
  await w.page.click('[data-testid=backend-switch]');
  await w.page.waitForFunction(() => document.querySelector('[data-testid=backend-name]')?.textContent === 'wasm');
  expect(w.errors).toEqual([]);
});
