/**
 * The architecture editor on the Train page: build a CNN from cnn-mnist (the parameter count
 * follows every edit live, a shape error lands on its row), train it a few steps on MNIST, export
 * the spec as JSON and import it back; screenshots at 1280×800 and 390×844.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, screenshot, showTab, waitForTrainingEnd } from './support/app';
import type { WatchedPage } from './support/browser';
import { startAppSession, type AppSession } from './support/session';

let session: AppSession;
let w: WatchedPage;

beforeAll(async () => {
  session = await startAppSession({ query: '' });
  ({ w } = session);
});
afterAll(async () => {
  await session?.close();
});

const total = async (page: Page) => Number((await page.getAttribute('[data-testid=arch-total-params]', 'data-params')) ?? NaN);
const row = (page: Page, i: number) => page.locator(`[data-testid=arch-row][data-index="${i}"]`);

/** Types into an argument of row `i` (fires input events as a person typing does). */
async function setArg(page: Page, i: number, field: string, value: string): Promise<void> {
  const input = row(page, i).locator(`[data-field=${field}]`);
  await input.fill(value);
}

test('builds a CNN in the editor with a live parameter count, trains it, exports and imports its spec', async () => {
  const { page } = w;
  await showTab(page, 'train');
  await page.selectOption('[data-testid=model-select]', 'cnn-mnist');
  await page.click('[data-testid=arch-editor] > summary');
  await page.waitForSelector('[data-testid=arch-row]');
  // The editor follows the form's model: cnn-mnist, Keras' 1,890 parameters.
  expect(await page.locator('[data-testid=arch-row]').count()).toBe(9);
  expect(await total(page)).toBe(1890);
  expect(await page.inputValue('[data-testid=arch-text]')).toBe(
    'name(cnn-mnist) input(28x28x1) conv(10,2x2,relu) pool(2) conv(10,2x2,relu) pool(2) conv(10,2x2,relu) pool(2) flatten dense(10,relu) dense(10,softmax)',
  );

  // Edit: 16 filters of 3×3 in the first convolution; the count changes as the value is typed.
  await setArg(page, 0, 'filters', '16');
  expect(await total(page)).toBe(16 * 4 + 16 + 4 * 16 * 10 + 10 + 410 + 910 + 110);
  await setArg(page, 0, 'kernel', '3x3');
  const afterKernel = 9 * 16 + 16 + 4 * 16 * 10 + 10 + 410 + 910 + 110;
  expect(await total(page)).toBe(afterKernel);
  expect(await row(page, 0).locator('[data-testid=arch-row-params]').textContent()).toBe('160');
  expect(await row(page, 0).locator('[data-testid=arch-row-shape]').textContent()).toBe('(None, 28, 28, 16)');

  // Add a dropout, move it above the last dense layer: shapes and parameters unchanged.
  await page.selectOption('[data-testid=arch-add-type]', 'dropout');
  await page.click('[data-testid=arch-add]');
  await page.waitForSelector('[data-testid=arch-row][data-index="9"][data-type=dropout]');
  await row(page, 9).locator('[data-testid=arch-up]').click();
  await page.waitForSelector('[data-testid=arch-row][data-index="8"][data-type=dropout]');
  expect(await total(page)).toBe(afterKernel);

  // A shape error shows on the row that causes it: a fourth pooling would pool 1×1 (3 → 1 → pool(2)).
  await page.selectOption('[data-testid=arch-add-type]', 'maxpool2d');
  await page.click('[data-testid=arch-add]');
  for (let i = 10; i > 6; i--) await row(page, i).locator('[data-testid=arch-up]').click();
  await page.selectOption('[data-testid=arch-add-type]', 'maxpool2d');
  await page.click('[data-testid=arch-add]');
  for (let i = 11; i > 7; i--) await row(page, i).locator('[data-testid=arch-up]').click();
  await page.waitForSelector('[data-testid=arch-row].invalid');
  const invalid = page.locator('[data-testid=arch-row].invalid');
  expect(await invalid.getAttribute('data-index')).toBe('7');
  expect(await invalid.locator('[data-testid=arch-row-error]').textContent()).toBe(
    'a 2×2 window is larger than the 1×1×10 output of layer 7 pool(2) (valid padding)',
  );
  expect(await page.getAttribute('[data-testid=arch-total-params]', 'data-state')).toBe('error');
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, 'arch-editor-error-1280');
  // Remove the two extra pools again.
  await row(page, 7).locator('[data-testid=arch-remove]').click();
  await row(page, 6).locator('[data-testid=arch-remove]').click();
  await page.waitForSelector('[data-testid=arch-editor][data-valid=true]');
  expect(await total(page)).toBe(afterKernel);
  const text = await page.inputValue('[data-testid=arch-text]');
  expect(text).toBe(
    'name(cnn-mnist-custom) input(28x28x1) conv(16,3x3,relu) pool(2) conv(10,2x2,relu) pool(2) conv(10,2x2,relu) pool(2) flatten dense(10,relu) dropout(0.2) dense(10,softmax)',
  );

  // Train it a few steps on MNIST.
  await page.check('[data-testid=arch-use]');
  expect(await page.textContent('[data-testid=arch-data]')).toBe(
    "data of cnn-mnist: input 28×28×1, 10 classes — Train trains this architecture: the form's hidden units, activation and image size do not apply",
  );
  await page.fill('[name=limit]', '600');
  await page.fill('[name=epochs]', '1');
  await page.fill('[name=batchSize]', '100');
  await page.click('[data-testid=train-button]');
  const end = await waitForTrainingEnd(page, 150_000);
  expect(end).toEqual({ state: 'done', text: expect.stringMatching(/^done: .*test accuracy 0\.\d{4}/) });
  // The run is recorded under the spec's name.
  expect(await page.textContent('[data-page=train]')).toContain('cnn-mnist-custom');
  await screenshot(page, 'arch-editor-trained-1280');

  // Export the spec (a download) and import it back into a fresh editor.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=arch-export]')]);
  const path = join(RESULTS_DIR, 'arch-editor-spec.json');
  await download.saveAs(path);
  const exported = JSON.parse(readFileSync(path, 'utf8'));
  expect(exported).toMatchObject({ format: 'nnlab-model-spec', version: 1, input: [28, 28, 1] });
  expect(exported.layers).toHaveLength(10);
  expect(exported.layers[0]).toEqual({ type: 'conv2d', filters: 16, kernel: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu', useBias: true });
  await page.selectOption('[data-testid=arch-start-from]', 'cnn-mnist');
  await page.click('[data-testid=arch-load]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=arch-row]').length === 9);
  expect(await total(page)).toBe(1890);
  await page.setInputFiles('[data-testid=arch-import-file]', path);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=arch-row]').length === 10);
  expect(await total(page)).toBe(afterKernel);
  expect(await page.inputValue('[data-testid=arch-text]')).toBe(text);

  // A malformed file gets one line naming the problem; the rows stay.
  const bad = join(RESULTS_DIR, 'arch-editor-bad-spec.json');
  writeFileSync(bad, JSON.stringify({ ...exported, version: 2 }));
  await page.setInputFiles('[data-testid=arch-import-file]', bad);
  await page.waitForSelector('[data-testid=arch-message][data-state=error]');
  expect(await page.textContent('[data-testid=arch-message]')).toBe('arch-editor-bad-spec.json: unsupported spec version 2: this nnlab reads version 1');
  expect(await page.locator('[data-testid=arch-row]').count()).toBe(10);

  // The text form is editable: a bad layer is refused with its position, a good line replaces the rows.
  await page.fill('[data-testid=arch-text]', 'input(28x28x1) conv(8,3x3,relu) pool(2) dense(10,softmax) foo');
  await page.click('[data-testid=arch-apply-text]');
  expect(await page.textContent('[data-testid=arch-message]')).toMatch(/^layer 4 foo: unknown layer 'foo'/);
  await page.fill('[data-testid=arch-text]', 'input(28x28x1) conv(8,3x3,relu) pool(2) dense(10,softmax)');
  await page.press('[data-testid=arch-text]', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=arch-row]').length === 3);
  expect(await page.getAttribute('[data-testid=arch-message]', 'data-state')).toBeNull();
  expect(await row(page, 2).locator('[data-testid=arch-row-error]').textContent()).toBe(
    'dense needs a vector, but the 14×14×8 output of layer 2 pool(2) is an image: put flatten (or gap) before it',
  );
  await page.screenshot({ path: join(RESULTS_DIR, 'arch-editor-dense-on-image-1280.png') });
  await page.fill('[data-testid=arch-text]', 'input(28x28x1) conv(8,3x3,relu) pool(2) flatten dense(10,softmax)');
  await page.click('[data-testid=arch-apply-text]');
  await page.waitForSelector('[data-testid=arch-editor][data-valid=true]');
  expect(await total(page)).toBe(80 + 14 * 14 * 8 * 10 + 10);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('[data-testid=arch-editor]').scrollIntoViewIfNeeded();
  await screenshot(page, 'arch-editor-390');
  await page.locator('[data-testid=arch-editor]').screenshot({ path: join(RESULTS_DIR, 'arch-editor-panel-390.png') });
  // The editor fits a phone's width (its table scrolls inside the panel, not the page).
  const editorBox = (await page.locator('[data-testid=arch-editor]').boundingBox())!;
  expect(editorBox.x + editorBox.width).toBeLessThanOrEqual(390);
  const wide = await page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > 391)
      .slice(0, 8)
      .map((e) => `${e.tagName}.${e.className}[${e.getAttribute('data-testid') ?? ''}] ${Math.round(e.getBoundingClientRect().right)}`),
  );
  console.log(`wider than 390: ${wide.join(' | ')}`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, 'arch-editor-1280');
  expect(w.errors).toEqual([]);
});
