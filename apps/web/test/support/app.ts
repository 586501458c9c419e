/** Paths and page actions shared by the e2e tests. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const WEB_DIR = resolve(__dirname, '../..');
export const DIST_DIR = join(WEB_DIR, 'dist');
export const REPO_DIR = resolve(WEB_DIR, '../..');
/** Screenshots land here (gitignored). */
export const RESULTS_DIR = join(WEB_DIR, 'test-results');

/** Opens the app (`query` e.g. `?backend=wasm`) and waits until its backend is up. */
export async function openApp(page: Page, baseUrl: string, query = ''): Promise<void> {
  await page.goto(`${baseUrl}${query}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
}

/** Shows one tab. */
export async function showTab(page: Page, id: 'train' | 'use' | 'models'): Promise<void> {
  await page.click(`[data-tab=${id}]`);
  await page.waitForSelector(`[data-page=${id}]:not([hidden])`);
}

/** Settings of a quick run; unset ones keep the form's (course) values. */
export interface QuickRun {
  model?: string;
  limit?: number;
  epochs?: number;
  batchSize?: number;
  imageSize?: number;
}

/** Fills the Train form and starts training (does not wait). */
export async function startTraining(page: Page, run: QuickRun): Promise<void> {
  await showTab(page, 'train');
  if (run.model) await page.selectOption('[data-testid=model-select]', run.model);
  if (run.limit !== undefined) await page.fill('[name=limit]', String(run.limit));
  if (run.epochs !== undefined) await page.fill('[name=epochs]', String(run.epochs));
  if (run.batchSize !== undefined) await page.fill('[name=batchSize]', String(run.batchSize));
  if (run.imageSize !== undefined) await page.fill('[name=imageSize]', String(run.imageSize));
  await page.click('[data-testid=train-button]');
}

/** Waits for the run to end; returns its final state and status line. */
export async function waitForTrainingEnd(page: Page, timeoutMs = 120_000): Promise<{ state: string; text: string }> {
  const status = page.locator('[data-testid=train-status]');
  await page.waitForSelector('[data-testid=train-status]:is([data-state=done], [data-state=stopped], [data-state=error])', { timeout: timeoutMs });
  return { state: (await status.getAttribute('data-state')) ?? '', text: (await status.textContent()) ?? '' };
}

/** Trains and waits; fails with the page's status line when the run did not finish. */
export async function trainQuick(page: Page, run: QuickRun, timeoutMs?: number): Promise<string> {
  await startTraining(page, run);
  const end = await waitForTrainingEnd(page, timeoutMs);
  if (end.state !== 'done') throw new Error(`training ended '${end.state}': ${end.text}`);
  return end.text;
}

/** Draws a "1" (one vertical stroke) on the Use page's canvas with mouse events. */
export async function drawOne(page: Page): Promise<void> {
  await showTab(page, 'use');
  const box = (await page.locator('[data-testid=draw-canvas]').boundingBox())!;
  const x = box.x + box.width * 0.52;
  await page.mouse.move(x, box.y + box.height * 0.18);
  await page.mouse.down();
  for (let i = 1; i <= 15; i++) await page.mouse.move(x - i * 0.4, box.y + box.height * (0.18 + (0.64 * i) / 15));
  await page.mouse.up();
}

/** The probabilities shown on each prediction card of the digit section, by zoo id. */
export async function digitPredictions(page: Page): Promise<{ zooId: string; predicted: number; probs: number[] }[]> {
  return page.$$eval('[data-testid=digit-predictions] [data-testid=prediction-card]', (cards) =>
    cards.map((c) => ({
      zooId: c.getAttribute('data-zoo-id') ?? '',
      predicted: Number(c.getAttribute('data-predicted')),
      probs: JSON.parse(c.getAttribute('data-probs') ?? '[]') as number[],
    })),
  );
}

/** A full-page screenshot into `test-results/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
