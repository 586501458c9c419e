/** Absolute URL of one of the app's static files (`data/…`, `tfjs-wasm/…`), wherever the app is hosted. */
export function assetUrl(relative: string): string {
  return new URL(relative, document.baseURI).href;
}
