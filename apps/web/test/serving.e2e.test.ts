/**
 * The app served as the README says (`vite preview` of the build): data files arrive byte-exact
 * (no Content-Encoding on MNIST's `.gz`), every response carries the cross-origin isolation
 * headers (also written to `dist/_headers` for static hosts), the page is cross-origin isolated
 * and wasm runs multi-threaded; a server that re-encodes a data file gets a clear error, Train
 * off, and progress that never goes backwards.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST_DIR, REPO_DIR, openApp, startTraining } from './support/app';
import type { WatchedPage } from './support/browser';
import { startAppSession, type AppSession } from './support/session';

let session: AppSession;
let w: WatchedPage;

beforeAll(async () => {
  session = await startAppSession({});
  ({ w } = session);
});
afterAll(async () => {
  await session?.close();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('data files are served byte-exact, with the isolation headers on every response', async () => {
  const mnist = readdirSync(join(REPO_DIR, 'data/mnist')).filter((n) => n.endsWith('.gz'));
  expect(mnist).toHaveLength(4);
  for (const name of mnist) {
    const res = await fetch(`${session.server.url}data/mnist/${name}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    // Node's fetch would unpack a Content-Encoding: the bytes must be the file's own.
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(readFileSync(join(REPO_DIR, 'data/mnist', name))));
  }
  for (const path of ['', 'tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm', 'tfjs-wasm/tfjs-backend-wasm-threaded-simd.js']) {
    const res = await fetch(`${session.server.url}${path}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  }
  const headersFile = readFileSync(join(DIST_DIR, '_headers'), 'utf8');
  expect(headersFile).toContain('Cross-Origin-Opener-Policy: same-origin');
  expect(headersFile).toContain('Cross-Origin-Embedder-Policy: require-corp');
});

test('the page is cross-origin isolated and wasm runs on several threads', async () => {
  await openApp(w.page, session.server.url, '?backend=wasm');
  expect(await w.page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await w.page.textContent('[data-testid=backend-name]')).toBe('wasm');
  const threads = Number(await w.page.getAttribute('[data-testid=backend-name]', 'data-threads'));
  const cores = await w.page.evaluate(() => navigator.hardwareConcurrency);
  expect(threads).toBe(Math.min(8, Math.max(2, cores)));
  expect(await w.page.textContent('[data-testid=backend-detail]')).toContain(`${threads} threads`);
  expect(w.errors).toEqual([]);
});

test('a data file re-encoded by the server: its error stays on the page, Train is off, progress never goes backwards', async () => {
  const name = 'train-images-idx3-ubyte.gz';
  const original = readFileSync(join(REPO_DIR, 'data/mnist', name));
  await w.page.route(`**/data/mnist/${name}`, (route) =>
    route.fulfill({ status: 200, headers: { 'Content-Type': 'application/gzip', 'Content-Encoding': 'gzip' }, body: gzipSync(original) }),
  );
  await openApp(w.page, session.server.url, '?backend=wasm');
  await w.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    const el = document.querySelector('[data-testid=train-status]')!;
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await startTraining(w.page, { model: 'mlp-raw', limit: 1000, epochs: 1 });
  await w.page.waitForSelector('[data-testid=train-status][data-state=error]', { timeout: 60_000 });
  await w.page.waitForTimeout(1500); // late events would land now
  const status = (await w.page.textContent('[data-testid=train-status]')) ?? '';
  expect(status).toContain(`data/mnist/${name}: the server sent it with Content-Encoding: gzip`);
  expect(status).toContain('Train is off');
  expect(await w.page.isDisabled('[data-testid=train-button]')).toBe(true);
  const seen = await w.page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  const loaded = seen.map((s) => /downloading MNIST: ([\d.]+) MB(?: of ([\d.]+) MB)?/.exec(s)).filter((m) => m) as RegExpExecArray[];
  for (let i = 1; i < loaded.length; i++) expect(Number(loaded[i][1])).toBeGreaterThanOrEqual(Number(loaded[i - 1][1]));
  for (const m of loaded) if (m[2]) expect(Number(m[1])).toBeLessThanOrEqual(Number(m[2]));
  await w.page.unroute(`**/data/mnist/${name}`);
});
