/**
 * Debian's Chromium driven by playwright-core, headless. Without a GPU, WebGL runs on SwiftShader
 * through ANGLE; WebGPU needs `--enable-unsafe-webgpu --use-webgpu-adapter=swiftshader` to expose
 * SwiftShader's Vulkan adapter (and a secure context: http://127.0.0.1 is one).
 */
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM = process.env.NNLAB_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags of every run (as the machine notes say: without the background-networking ones Chromium's
 * connections to Google's hosts are refused on a closed network, many at a time).
 */
export const BASE_FLAGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Flags that give WebGPU a (SwiftShader) adapter on a machine without a GPU. */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

/** Launches Chromium. */
export function launch(options: { webgpu?: boolean } = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...BASE_FLAGS, ...(options.webgpu ? WEBGPU_FLAGS : [])] });
}

/** A page plus everything it logged as errors (console errors and uncaught exceptions). */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  logs: string[];
}

/** Opens a fresh context and page that records errors. */
export async function openPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const logs: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    logs.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return { context, page, errors, logs };
}
