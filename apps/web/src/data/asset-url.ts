/**
 * Absolute URLs of the app's static files (`data/…`, `tfjs-wasm/…`), wherever the app is hosted:
 * relative to the page's base URL, or in a worker (which has no document) to the base the page
 * handed it with `setAssetBase`.
 */
let base: string | undefined;

/** Sets the URL the static files are relative to (the page's `document.baseURI`). */
export function setAssetBase(url: string): void {
  base = url;
}

/** The base URL static files are relative to. */
export function assetBase(): string {
  if (base) return base;
  if (typeof document !== 'undefined') return document.baseURI;
  throw new Error('assetUrl: no base URL (a worker must receive the page\'s base with setAssetBase)');
}

/** Absolute URL of one static file. */
export function assetUrl(relative: string): string {
  return new URL(relative, assetBase()).href;
}
