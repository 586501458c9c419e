/**
 * Multithreaded tfjs wasm backend under Node.
 *
 * tfjs-backend-wasm 4.22 never uses its threaded build under Node: its `WASM_HAS_MULTITHREAD_SUPPORT`
 * flag is hard-coded to false there (tfjs#3830), and were it true, the pthread workers would still
 * fail — the worker script is handed to `new Worker()` as a `blob:` URL, which Node's
 * worker_threads refuse (ERR_WORKER_PATH). On top, the C side caps the XNNPACK thread pool at
 * min(8, logical cores / 2), so a 2-core machine would get 1 thread whatever `setThreadsCount` says.
 *
 * `enableWasmThreadsInNode` works around all three, before the backend initialises:
 * - sets the flag, and `setThreadsCount(numThreads)`;
 * - writes the worker script to a real temporary file (removed at process exit), with a one-line
 *   prelude that makes the worker load the emscripten glue from tfjs-backend-wasm's own
 *   `wasm-out/tfjs-backend-wasm-threaded-simd.js` file (tfjs posts it to the worker as a Blob);
 * - wraps the registered 'wasm' backend factory so that, only while it runs, `URL.createObjectURL`
 *   returns that file for the worker script and `os.cpus()` reports at least 2 × numThreads cores
 *   (the C side computes its cap once, at instantiation).
 *
 * The workers share the heap (SharedArrayBuffer), so the training kernels of `../kernels` work
 * unchanged (their SIMD module imports the shared memory); only XNNPACK's own kernels (Conv2D,
 * MatMul, pooling, …) run on several threads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { engine, env, registerBackend, removeBackend } from '@tensorflow/tfjs-core';
import { InvalidOptionError, NnlabError } from '../errors';
import { moduleRequire } from './module-require';

/** The most threads the tfjs wasm build can use (it pre-creates 8 pthread workers). */
export const MAX_WASM_THREADS = 8;

/** Default of `WasmThreadsOptions.numThreads`: the machine's parallelism, at most `MAX_WASM_THREADS`. */
export function defaultWasmThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(MAX_WASM_THREADS, cores));
}

/** Options of `enableWasmThreadsInNode`. */
export interface WasmThreadsOptions {
  /**
   * XNNPACK threads (the calling thread included), 1…8. Default `defaultWasmThreads()`. 1 leaves
   * tfjs as it is (single-threaded SIMD build).
   */
  numThreads?: number;
}

/** What `enableWasmThreadsInNode` set up. */
export interface WasmThreadsSetup {
  /** Threads requested; after `tf.setBackend('wasm')`, tfjs-backend-wasm's `getThreadsCount()` says what it got. */
  numThreads: number;
  /** True when the threaded build will load; false for numThreads = 1. */
  threaded: boolean;
  /** The worker script written for the pthreads (null when not threaded). */
  workerScript: string | null;
}

const requireHere = moduleRequire();

let setup: WasmThreadsSetup | null = null;

interface WorkerContentsModule {
  wasmWorkerContents: string;
}

function isWorkerContentsModule(value: unknown): value is WorkerContentsModule {
  return typeof value === 'object' && value !== null && 'wasmWorkerContents' in value && typeof value.wasmWorkerContents === 'string';
}

/** Writes the pthread worker script next to nothing else in a fresh temp folder. */
function writeWorkerScript(): string {
  const glue = requireHere.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const contents: unknown = requireHere('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
  if (!isWorkerContentsModule(contents)) throw new Error('tfjs-backend-wasm: unexpected worker script module (wasmWorkerContents missing)');
  const dir = mkdtempSync(join(os.tmpdir(), 'nnlab-wasm-threads-'));
  const file = join(dir, 'tfjs-backend-wasm-threaded-simd.worker.cjs');
  // tfjs escapes the newlines inside the script's string literals before making its Blob; same here.
  const script =
    `"use strict";// nnlab: load the emscripten glue from its file instead of the Blob tfjs posts.\n` +
    `globalThis.URL.createObjectURL=function(){return ${JSON.stringify(glue)}};\n` +
    contents.wasmWorkerContents.replace(/\n/g, '\\n');
  writeFileSync(file, script);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return file;
}

/** Runs `init` with URL.createObjectURL and os.cpus patched as described above, then restores them. */
async function withInitPatches<T>(workerScript: string, numThreads: number, init: () => Promise<T>): Promise<T> {
  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  URL.createObjectURL = (obj: Blob | MediaSource): string =>
    obj instanceof Blob && obj.type === 'application/javascript' ? workerScript : createObjectURL.call(URL, obj);
  os.cpus = (): os.CpuInfo[] => {
    const list = cpus.call(os);
    while (list.length > 0 && list.length < 2 * numThreads) list.push(list[0]);
    return list;
  };
  try {
    return await init();
  } finally {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
  }
}

/**
 * Makes the next initialisation of tfjs' 'wasm' backend use the threaded SIMD build with
 * `numThreads` threads. Call it before `tf.setBackend('wasm')` (or `useBackend('wasm')`); it
 * imports '@tensorflow/tfjs-backend-wasm' itself. Calling it again with the same count is a no-op;
 * with another count, or after the backend initialised, it throws.
 */
export async function enableWasmThreadsInNode(options: WasmThreadsOptions = {}): Promise<WasmThreadsSetup> {
  const numThreads = options.numThreads ?? defaultWasmThreads();
  if (!Number.isInteger(numThreads) || numThreads < 1 || numThreads > MAX_WASM_THREADS) {
    throw new InvalidOptionError(`enableWasmThreadsInNode: numThreads must be an integer from 1 to ${MAX_WASM_THREADS}, got ${numThreads}`);
  }
  if (setup) {
    if (setup.numThreads === numThreads) return setup;
    throw new InvalidOptionError(`enableWasmThreadsInNode: already set up for ${setup.numThreads} threads, cannot switch to ${numThreads}`);
  }
  if (engine().registry.wasm) {
    throw new NnlabError('WASM_ALREADY_INITIALISED', 'enableWasmThreadsInNode: the wasm backend is already initialised; call it before tf.setBackend("wasm")');
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (numThreads === 1) {
    setup = { numThreads, threaded: false, workerScript: null };
    return setup;
  }
  const entry = engine().registryFactory.wasm;
  if (!entry) throw new NnlabError('WASM_BACKEND_NOT_LOADED', "enableWasmThreadsInNode: tfjs-backend-wasm did not register the 'wasm' backend");
  const workerScript = writeWorkerScript();
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(numThreads);
  const factory = entry.factory;
  removeBackend('wasm');
  registerBackend('wasm', () => withInitPatches(workerScript, numThreads, async () => factory()), entry.priority);
  setup = { numThreads, threaded: true, workerScript };
  return setup;
}
