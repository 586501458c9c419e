/**
 * The response headers that make the app cross-origin isolated (`crossOriginIsolated === true`),
 * which the browser requires before it hands out SharedArrayBuffer — and so before tfjs can load
 * its multi-threaded wasm build. One list for every way the app is served: the dev server, `vite
 * preview`, and the `_headers` file written into `dist/` for static hosts that read one (Netlify,
 * Cloudflare Pages); the README lists them for other hosts.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // The app loads nothing from other origins; this lets its own files be embedded under COEP.
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The `_headers` file of Netlify / Cloudflare Pages: the isolation headers on every path. */
export function headersFile(): string {
  return ['/*', ...Object.entries(ISOLATION_HEADERS).map(([k, v]) => `  ${k}: ${v}`), ''].join('\n');
}
