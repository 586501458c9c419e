/**
 * One e2e session: the built app served by `vite preview` (as the README says) on 127.0.0.1, Debian's Chromium, and one watched page
 * (console errors collected). Every e2e file starts one in `beforeAll` and closes it in `afterAll`.
 */
import type { Browser } from 'playwright-core';
import { openApp } from './app';
import { launch, openPage, type WatchedPage } from './browser';
import { servePreview, type PreviewServer } from './preview-server';

export interface AppSession {
  server: PreviewServer;
  browser: Browser;
  w: WatchedPage;
  close(): Promise<void>;
}

/** Starts server, browser and page; with `query` (e.g. `?backend=wasm`, or `''`) also opens the app. */
export async function startAppSession(options: { webgpu?: boolean; query?: string } = {}): Promise<AppSession> {
  const server = await servePreview();
  const browser = await launch({ webgpu: options.webgpu });
  const w = await openPage(browser);
  if (options.query !== undefined) await openApp(w.page, server.url, options.query);
  return {
    server,
    browser,
    w,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
