/**
 * The built app loads cleanly: no console errors, a backend chosen automatically with the reasons
 * faster ones were skipped, tabs, and a backend switch.
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

test('loads without console errors and picks WebGL when WebGPU has no adapter, saying why', async () => {
  await openApp(w.page, server.url);
  expect(await w.page.textContent('[data-testid=backend-name]')).toBe('webgl');
  const webgpu = await w.page.textContent('[data-testid=backend-skipped] [data-backend=webgpu]');
  expect(webgpu).toMatch(/webgpu — not available: .*adapter/);
  expect(await w.page.textContent('[data-testid=backend-why]')).toMatch(/^webgpu skipped: .*adapter/);
  expect(await w.page.textContent('[data-testid=backend-skipped] [data-backend=webgl]')).toContain('active');
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

test('switches backends on demand', async () => {
  await w.page.selectOption('[data-testid=backend-select]', 'cpu');
  await w.page.click('[data-testid=backend-switch]');
  await w.page.waitForFunction(() => document.querySelector('[data-testid=backend-name]')?.textContent === 'cpu');
  await w.page.selectOption('[data-testid=backend-select]', 'wasm');
  await w.page.click('[data-testid=backend-switch]');
  await w.page.waitForFunction(() => document.querySelector('[data-testid=backend-name]')?.textContent === 'wasm');
  expect(w.errors).toEqual([]);
});
