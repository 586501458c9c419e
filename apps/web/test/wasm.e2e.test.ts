/**
 * Training off the main thread on the wasm backend (served as the README says, cross-origin
 * isolated, 2+ threads): a 20 s mlp-raw run in the training worker leaves the page responsive (no
 * long task over 100 ms on the main thread, by PerformanceObserver) and Stop is answered within
 * 200 ms; the trained model and its run survive a reload (IndexedDB). cnn-mnist trains on wasm
 * with nnlab's training kernels.
 */
import { openApp, screenshot, showTab, startTraining, trainQuick, waitForTrainingEnd } from './support/app';
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

/** Long tasks on the main thread from now on, as [start, duration] (ms, page clock). */
async function watchLongTasks(): Promise<void> {
  await w.page.evaluate(() => {
    const list: [number, number][] = [];
    (window as unknown as { longTasks: [number, number][] }).longTasks = list;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) list.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  });
}

test('mlp-raw trains 20 s in the worker: no long task over 100 ms on the page, Stop answered within 200 ms', async () => {
  expect(await w.page.textContent('[data-testid=backend-name]')).toBe('wasm');
  expect(Number(await w.page.getAttribute('[data-testid=backend-name]', 'data-threads'))).toBeGreaterThanOrEqual(2);
  // Far more epochs than 20 s can train (the run is stopped below): a fast machine once finished
  // all of 50 before the watch ended, leaving no "step" to stop in.
  await startTraining(w.page, { model: 'mlp-raw', limit: 20000, epochs: 1000, batchSize: 32 });
  // Feedback before the first step: the status names what the worker is doing.
  await w.page.waitForFunction(() => /training worker|downloading|data:/.test(document.querySelector('[data-testid=train-status]')?.textContent ?? ''));
  await w.page.waitForFunction(() => /step \d+/.test(document.querySelector('[data-testid=train-progress]')?.textContent ?? ''), null, { timeout: 90_000 });
  await watchLongTasks();
  const t0 = await w.page.evaluate(() => performance.now());
  await w.page.waitForTimeout(20_000);
  // Stop in the middle of an epoch's steps (not during its validation pass).
  await w.page.waitForFunction(() => {
    const m = /step (\d+)\/(\d+)/.exec(document.querySelector('[data-testid=train-progress]')?.textContent ?? '');
    return !!m && Number(m[1]) < Number(m[2]) / 2;
  });
  const t1 = await w.page.evaluate(() => performance.now());
  await screenshot(w.page, 'train-live');
  await w.page.click('[data-testid=stop-button]');
  const end = await waitForTrainingEnd(w.page);
  expect(end.state).toBe('stopped');
  const longTasks = await w.page.evaluate(() => (window as unknown as { longTasks: [number, number][] }).longTasks);
  const during = longTasks.filter(([s]) => s >= t0 && s < t1).map(([, d]) => Math.round(d));
  const ack = Number(await w.page.getAttribute('[data-page=train]', 'data-stop-ack-ms'));
  const loopEnded = Number(await w.page.getAttribute('[data-page=train]', 'data-stop-latency-ms'));
  console.log(
    `20 s wasm run: ${((t1 - t0) / 1000).toFixed(1)} s watched, long tasks ${JSON.stringify(during)}; Stop acknowledged after ${ack} ms, loop ended after ${loopEnded} ms`,
  );
  expect(Math.max(0, ...during)).toBeLessThanOrEqual(100);
  expect(ack).toBeLessThanOrEqual(200);
  expect(loopEnded).toBeLessThanOrEqual(200);
  // The live curves were drawn while the epochs ran; the run's own curves replace them at the end.
  await w.page.waitForSelector('[data-testid=loss-chart][data-rendered=true] svg');
  await w.page.waitForSelector('[data-testid=confusion-chart][data-rendered=true] svg');
  await screenshot(w.page, 'train-stopped');
  expect(end.text).toMatch(/stopped early: mlp-raw #1, test accuracy 0\.\d{4}, kept in this browser/);
  expect(w.errors).toEqual([]);
}, 180_000);

test('a reload keeps the trained model and its run', async () => {
  const accuracy = await w.page.getAttribute('[data-testid=test-metrics]', 'data-accuracy');
  await openApp(w.page, session.server.url, '?backend=wasm');
  await showTab(w.page, 'models');
  await w.page.waitForSelector('[data-testid=session-models] [data-zoo-id=mlp-raw]');
  expect(await w.page.textContent('[data-testid=session-models]')).toContain('mlp-raw #1');
  await w.page.waitForSelector('[data-testid=run-list] [data-run-label="mlp-raw #1"]');
  expect(await w.page.getAttribute('[data-testid=run-list] [data-run-label="mlp-raw #1"]', 'data-test-accuracy')).toBe(accuracy);
  // The run names the engine that trained it (the fused dense trainer on the worker's wasm backend).
  expect(await w.page.textContent('[data-testid=run-list] [data-run-label="mlp-raw #1"] > :nth-child(5)')).toMatch(/^fused-dense on wasm( \(\d threads?\))?$/);
  expect(w.errors).toEqual([]);
});

test('cnn-mnist trains on wasm in the worker and learns', async () => {
  const status = await trainQuick(w.page, { model: 'cnn-mnist', limit: 10000, epochs: 1, batchSize: 32 }, 150_000);
  expect(status).toMatch(/^done: cnn-mnist #2, test accuracy 0\.\d{4}/);
  expect(Number(await w.page.getAttribute('[data-testid=test-metrics]', 'data-accuracy'))).toBeGreaterThan(0.5);
  expect(w.errors).toEqual([]);
}, 180_000);

test('cnn-pneumonia: a decision-threshold control gives sensitivity and specificity on the test set, with the course-model note', async () => {
  const status = await trainQuick(w.page, { model: 'cnn-pneumonia', limit: 300, epochs: 1, imageSize: 32 }, 150_000);
  expect(status).toMatch(/^done: cnn-pneumonia #3/);
  const result = w.page.locator('[data-testid=threshold-result]');
  // At 0.5 the control agrees with the test metrics (recall = sensitivity).
  const metrics = (await w.page.textContent('[data-testid=test-metrics]')) ?? '';
  const [, , recall] = /precision\/recall([\d.]+)\/([\d.]+)/.exec(metrics.replace(/\s+/g, '')) ?? [];
  expect(Number(await result.getAttribute('data-sensitivity'))).toBeCloseTo(Number(recall), 3);
  const specAt05 = Number(await result.getAttribute('data-specificity'));
  // The ROC's text alternative: nine thresholds; its 0.50 row agrees with the control.
  const rocRows = await w.page.$$eval('[data-testid=roc-table] tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));
  expect(rocRows.map((r) => r[0])).toEqual(['0.10', '0.20', '0.30', '0.40', '0.50', '0.60', '0.70', '0.80', '0.90']);
  expect(Number(rocRows[4][1])).toBeCloseTo(Number(await result.getAttribute('data-sensitivity')), 3);
  expect(Number(rocRows[4][2])).toBeCloseTo(specAt05, 3);
  expect(await w.page.textContent('[data-testid=roc-table] summary')).toMatch(/AUC 0\.\d{4}/);
  // A lower threshold finds at least as many pneumonia cases and clears at most as many normal ones.
  await w.page.$eval('[data-testid=threshold-input]', (el) => {
    (el as HTMLInputElement).value = '0.1';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  expect(await result.textContent()).toMatch(
    /^threshold 0\.10: sensitivity [\d.]+ \(\d+ of \d+ PNEUMONIA cases found\), specificity [\d.]+ \(\d+ of \d+ NORMAL cases cleared\)/i,
  );
  expect(Number(await result.getAttribute('data-specificity'))).toBeLessThanOrEqual(specAt05);
  expect(await w.page.textContent('[data-testid=course-model-note]')).toContain('not a diagnostic tool');
  // The 60,000-image caveat is MNIST's; PneumoniaMNIST (also "mnist" in its name) does not get it.
  expect(await w.page.textContent('[data-testid=test-set-run]')).not.toMatch(/60,000/);
  await screenshot(w.page, 'train-pneumonia-threshold');
  expect(w.errors).toEqual([]);
}, 180_000);
