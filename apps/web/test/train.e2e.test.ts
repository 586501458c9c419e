/**
 * Training in the browser: a short mlp-raw run on the default backend shows live curves, the test
 * confusion matrix and metrics; Stop ends a run early; a drawn "1" gets a prediction with its HOG
 * picture.
 */
import { digitPredictions, drawOne, screenshot, showTab, startTraining, trainQuick, waitForTrainingEnd } from './support/app';
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

test('a short mlp-raw run (2,000 images, 2 epochs) shows curves, a confusion matrix and test metrics', async () => {
  const status = await trainQuick(w.page, { model: 'mlp-raw', limit: 2000, epochs: 2 });
  expect(status).toMatch(/^done: mlp-raw #1, test accuracy 0\.\d{4}, kept in this browser/);
  expect(await w.page.textContent('[data-testid=test-set-run]')).toMatch(
    /^mlp-raw #1: run \S*mlp-raw\S*, 2 epoch\(s\) on 1800 training images \(a training-set limit/,
  );
  await w.page.waitForSelector('[data-testid=confusion-chart][data-rendered=true] svg');
  await w.page.waitForSelector('[data-testid=loss-chart][data-rendered=true] svg');
  await w.page.waitForSelector('[data-testid=acc-chart][data-rendered=true] svg');
  // Two epochs: a train and a validation line of two points each in both charts.
  for (const chart of ['loss-chart', 'acc-chart']) {
    expect(await w.page.locator(`[data-testid=${chart}] svg .mark-line.role-mark path`).count()).toBe(2);
    expect(await w.page.locator(`[data-testid=${chart}] svg .mark-symbol.role-mark path`).count()).toBe(4);
  }
  // The curves' text alternative: a row per epoch (epoch number, then four numbers).
  const historyRows = await w.page.$$eval('[data-testid=history-table] tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));
  expect(historyRows.map((r) => r[0])).toEqual(['1', '2']);
  for (const r of historyRows) for (const v of r.slice(1)) expect(Number.isFinite(Number(v))).toBe(true);
  // 10 × 10 cells, one text per cell, counting the ⌈2000/6⌉ = 334 test images.
  const counts = await w.page.$$eval('[data-testid=confusion-chart] svg .mark-text.role-mark text', (ts) => ts.map((t) => Number(t.textContent)));
  expect(counts).toHaveLength(100);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(334);
  // The matrix's text alternative: the same counts, a row per true class.
  const tableCounts = await w.page.$$eval('[data-testid=confusion-table] tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent))),
  );
  expect(tableCounts).toHaveLength(10);
  expect(tableCounts.flat().reduce((a, b) => a + b, 0)).toBe(334);
  const accuracy = Number(await w.page.getAttribute('[data-testid=test-metrics]', 'data-accuracy'));
  expect(accuracy).toBeGreaterThan(0.2);
  expect(await w.page.locator('[data-testid=per-class-table] tbody tr').count()).toBe(10);
  await screenshot(w.page, 'train-mlp-raw');
  expect(w.errors).toEqual([]);
});

test('curves update live within an epoch; Stop ends a run early and the model so far is still evaluated', async () => {
  await startTraining(w.page, { model: 'mlp-raw', limit: 20000, epochs: 50, batchSize: 32 });
  // Train disabled itself: keyboard focus moved to Stop, not to <body>.
  expect(await w.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('stop-button');
  await w.page.waitForSelector('[data-testid=train-status][data-state=training]');
  await w.page.waitForFunction(() => /step \d+/.test(document.querySelector('[data-testid=train-progress]')?.textContent ?? ''));
  // The running epoch's mean loss is drawn before the epoch ends.
  await w.page.waitForFunction(() => {
    const charts = document.querySelector<HTMLElement>('[data-testid=history-charts]');
    return charts?.dataset.runningEpoch === '1' && !!document.querySelector('[data-testid=loss-chart][data-rendered=true] canvas');
  });
  await w.page.click('[data-testid=stop-button]');
  const end = await waitForTrainingEnd(w.page);
  expect(end.state).toBe('stopped');
  expect(end.text).toMatch(/stopped early: mlp-raw #2/);
  await w.page.waitForSelector('[data-testid=confusion-chart][data-rendered=true] svg');
  expect(w.errors).toEqual([]);
});

test('a drawn "1" gets a prediction from every session model, with the HOG picture of the drawing', async () => {
  await drawOne(w.page);
  await w.page.waitForFunction(() => document.querySelectorAll('[data-testid=digit-predictions] [data-testid=prediction-card]').length === 2);
  const predictions = await digitPredictions(w.page);
  for (const p of predictions) {
    expect(p.zooId).toBe('mlp-raw');
    expect(p.probs).toHaveLength(10);
    expect(p.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(p.predicted).toBe(p.probs.indexOf(Math.max(...p.probs)));
  }
  expect(await w.page.locator('[data-testid=hog-picture]').count()).toBe(1);
  await screenshot(w.page, 'use-drawn-one');
  await w.page.click('[data-testid=clear-button]');
  await w.page.waitForFunction(() => document.querySelectorAll('[data-testid=prediction-card]').length === 0);
  await showTab(w.page, 'train');
  expect(w.errors).toEqual([]);
});

/** Presses Tab until `selector` has the keyboard focus; fails when it is never reached. */
async function tabTo(selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await w.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await w.page.keyboard.press('Tab');
  }
  throw new Error(`${selector} is not reachable with the Tab key`);
}

test('keyboard only: from the top of the page, Tab reaches the Train tab, the model, the fields and Train; Enter starts a run', async () => {
  await w.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo('[data-tab=use]');
  await w.page.keyboard.press('Enter');
  await w.page.waitForSelector('[data-page=use]:not([hidden])');
  await tabTo('[data-tab=train]');
  await w.page.keyboard.press('Enter');
  await w.page.waitForSelector('[data-page=train]:not([hidden])');
  await tabTo('[data-testid=model-select]');
  await w.page.keyboard.press('Home'); // the first option: mlp-raw
  expect(await w.page.inputValue('[data-testid=model-select]')).toBe('mlp-raw');
  for (const [field, value] of [
    ['epochs', '1'],
    ['limit', '1000'],
  ]) {
    await tabTo(`[name=${field}]`);
    await w.page.keyboard.press('Control+A');
    await w.page.keyboard.type(value);
  }
  await tabTo('[data-testid=train-button]');
  const before = await w.page.textContent('[data-testid=train-status]');
  await w.page.keyboard.press('Enter');
  // The status line of this run, not the previous run's.
  await w.page.waitForFunction(
    (b) => {
      const el = document.querySelector('[data-testid=train-status]');
      return el?.getAttribute('data-state') === 'done' && el.textContent !== b;
    },
    before,
    { timeout: 120_000 },
  );
  expect(await w.page.textContent('[data-testid=train-status]')).toMatch(/^done: mlp-raw #\d+, test accuracy 0\.\d{4}/);
  expect(await w.page.textContent('[data-testid=test-set-run]')).toMatch(/1 epoch\(s\) on 900 training images/);
  expect(w.errors).toEqual([]);
}, 120_000);
