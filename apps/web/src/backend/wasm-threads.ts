/**
 * Multi-threaded tfjs wasm in the browser.
 *
 * The browser hands out SharedArrayBuffer only to cross-origin isolated pages (COOP/COEP headers,
 * `vite/isolation-headers.ts`); then tfjs-backend-wasm 4.22 loads its threaded SIMD build, whose
 * pthread workers crash at start with "ReferenceError: e is not defined" (a known tfjs bug) — and
 * `setBackend('wasm')` never settles. The cause: tfjs posts each worker the emscripten glue as a Blob
 * made of `wasmFactoryThreadedSimd.toString()`, the *inner* factory function only; the glue's
 * outer closure (`_scriptDir`, which a bundler's minifier renames to `e`) is not in that text, so
 * the first reference to it in the worker throws.
 *
 * The workaround (the same idea as `@nnlab/core/node`'s `enableWasmThreadsInNode`): the app serves
 * the glue file itself (`tfjs-wasm/tfjs-backend-wasm-threaded-simd.js`, a whole script with its
 * closure), and while the backend initialises, `URL.createObjectURL` wraps tfjs' worker script in a
 * Blob whose one-line prelude makes the worker turn the posted glue Blob into that file's URL
 * instead. The worker then `importScripts` the real glue. Everything else is tfjs as shipped.
 *
 * Threads: the C side sizes its pool from `navigator.hardwareConcurrency` (at most half of it,
 * read once at instantiation), so on a 2-core machine it would run 1 thread whatever
 * `setThreadsCount` says; during initialisation the app reports at least 2 × the wanted count.
 */
import { assetUrl } from '../data/asset-url';

/** The most threads tfjs' threaded build can use (it pre-creates 8 pthread workers). */
export const MAX_WASM_THREADS = 8;

/** True when this context may use wasm threads (SharedArrayBuffer available). */
export function threadsPossible(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** Threads to ask for: the machine's logical cores, at least 1, at most 8. */
export function wantedWasmThreads(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  return Math.max(1, Math.min(MAX_WASM_THREADS, cores));
}

/** The worker prelude: the posted glue Blob becomes the served glue file's URL. */
export function workerPrelude(glueUrl: string): string {
  return `"use strict";self.URL.createObjectURL=function(){return ${JSON.stringify(glueUrl)}};self.URL.revokeObjectURL=function(){};\n`;
}

function patchHardwareConcurrency(atLeast: number): () => void {
  const nav = globalThis.navigator as Navigator | undefined;
  if (!nav || (nav.hardwareConcurrency ?? 0) >= atLeast) return () => undefined;
  Object.defineProperty(nav, 'hardwareConcurrency', { value: atLeast, configurable: true });
  return () => {
    delete (nav as unknown as Record<string, unknown>).hardwareConcurrency;
  };
}

/**
 * Runs `init` (the wasm backend's initialisation) with the worker-script and core-count patches
 * in place, then restores both. `numThreads` > 1 asks tfjs for that many threads.
 */
export async function withWasmThreadPatches<T>(numThreads: number, init: () => Promise<T>): Promise<T> {
  const glueUrl = assetUrl('tfjs-wasm/tfjs-backend-wasm-threaded-simd.js');
  const create = URL.createObjectURL;
  URL.createObjectURL = (obj: Blob | MediaSource): string =>
    obj instanceof Blob && obj.type === 'application/javascript'
      ? create.call(URL, new Blob([workerPrelude(glueUrl), obj], { type: 'application/javascript' }))
      : create.call(URL, obj);
  const restoreCores = patchHardwareConcurrency(2 * numThreads);
  try {
    return await init();
  } finally {
    URL.createObjectURL = create;
    restoreCores();
  }
}
