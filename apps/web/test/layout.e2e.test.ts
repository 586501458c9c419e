/**
 * Layout from phones to wide screens: at 390×844 no element is wider than the viewport (wide
 * tables and charts scroll inside their own box) and every main action can be clicked; each view
 * is captured at 390×844 and 1280×800 into docs/screenshots/ (the README shows them).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WEB_DIR, drawOne, openApp, showTab, trainQuick } from './support/app';
import type { WatchedPage } from './support/browser';
import { startAppSession, type AppSession } from './support/session';

const SHOTS = join(WEB_DIR, 'docs/screenshots');
let session: AppSession;
let w: WatchedPage;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await startAppSession({ query: '?backend=wasm' });
  ({ w } = session);
});
afterAll(async () => {
  await session?.close();
});

/** Elements wider than the viewport or reaching past it, unless a scrolling box of theirs contains them. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (r.right <= vw + 0.5 && r.left >= -0.5)) continue;
      let clipped = false;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if ((o === 'auto' || o === 'scroll' || o === 'hidden') && a.getBoundingClientRect().right <= vw + 0.5) {
          clipped = true;
          break;
        }
      }
      if (!clipped) out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.left)}–${Math.round(r.right)} px)`);
    }
    return out.concat(document.documentElement.scrollWidth > vw ? [`page scrolls to ${document.documentElement.scrollWidth} px`] : []);
  });
}

async function shoot(name: string): Promise<void> {
  await w.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

test('every view at 1280×800 and at 390×844: nothing wider than the phone, main actions clickable', async () => {
  await w.page.setViewportSize({ width: 1280, height: 800 });
  await trainQuick(w.page, { model: 'mlp-raw', limit: 2000, epochs: 2 });
  await w.page.waitForSelector('[data-testid=confusion-chart][data-rendered=true] svg');
  await shoot('train-1280');
  await drawOne(w.page);
  await w.page.waitForSelector('[data-testid=digit-predictions] [data-testid=prediction-card]');
  await shoot('use-1280');
  // Wide screens: the prediction cards sit beside the pad, not below it.
  const pad = (await w.page.locator('[data-testid=draw-canvas]').boundingBox())!;
  const card = (await w.page.locator('[data-testid=prediction-card]').first().boundingBox())!;
  expect(card.x).toBeGreaterThan(pad.x + pad.width);
  expect(card.y).toBeLessThan(pad.y + pad.height);
  await showTab(w.page, 'models');
  await shoot('models-1280');

  await w.page.setViewportSize({ width: 390, height: 844 });
  await openApp(w.page, session.server.url, '?backend=wasm');
  for (const tab of ['train', 'use', 'models'] as const) {
    await showTab(w.page, tab);
    if (tab === 'train') {
      // The stored run's results, then a run of its own so the panel shows curves at this width.
      await trainQuick(w.page, { model: 'mlp-raw', limit: 1000, epochs: 1 });
      await w.page.waitForSelector('[data-testid=confusion-chart][data-rendered=true] svg');
    }
    if (tab === 'use') {
      await drawOne(w.page);
      await w.page.waitForSelector('[data-testid=digit-predictions] [data-testid=prediction-card]');
    }
    expect(await overflowing(w.page)).toEqual([]);
    await shoot(`${tab}-390`);
  }
  // Main actions: each can be clicked where it is (trial: Playwright checks it is visible, enabled and not covered).
  await showTab(w.page, 'models');
  await w.page.locator('[data-testid=export-button]').first().click({ trial: true });
  await w.page.locator('[data-testid=import-button]').click({ trial: true });
  await showTab(w.page, 'use');
  await w.page.locator('[data-testid=clear-button]').click({ trial: true });
  await showTab(w.page, 'train');
  await w.page.locator('[data-testid=train-button]').click({ trial: true });
  await w.page.locator('[data-testid=backend-switch]').click({ trial: true });
  expect(w.errors).toEqual([]);
}, 240_000);
