/**
 * Backend loaders for Node: wasm (default, SIMD), cpu, webgpu through the `webgpu` npm package
 * (Dawn; on a GPU-less machine Dawn's Vulkan path finds SwiftShader, see `webgpu-node-env.ts`), and
 * tensorflow when the optional peer `@tensorflow/tfjs-node` is installed.
 */
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setBackendLoaders, type BackendLoader } from '../backend-registry';
import { registerWasmTrainingKernels } from '@nnlab/kernels-wasm';
import { enableWasmThreadsInNode } from './wasm-threads';
import { webgpuNodeEnvProblem } from './webgpu-node-env';
import { moduleRequire } from './module-require';

/** Options of `registerNodeBackends`. */
export interface NodeBackendOptions {
  /** Threads for the wasm backend (1 = the single-threaded SIMD build). Default 1. */
  wasmThreads?: number;
}

const requireHere = moduleRequire();

function resolvable(id: string): boolean {
  try {
    requireHere.resolve(id);
    return true;
  } catch {
    return false;
  }
}

interface DawnGlobals {
  create(flags: string[]): { requestAdapter(): Promise<{ info?: { description?: string; vendor?: string } } | null> };
  globals: Record<string, unknown>;
}

let dawnGpu: ReturnType<DawnGlobals['create']> | undefined;

/**
 * Loads Dawn. The `webgpu` package is ESM: import it; where dynamic import of ESM is unavailable
 * (CommonJS test sandboxes), load its prebuilt addon the way its index does.
 */
async function loadDawn(): Promise<ReturnType<DawnGlobals['create']>> {
  if (dawnGpu) return dawnGpu;
  let dawn: DawnGlobals;
  try {
    dawn = (await import('webgpu')) as unknown as DawnGlobals;
  } catch {
    const root = dirname(requireHere.resolve('webgpu'));
    const arch = process.platform === 'darwin' ? 'universal' : process.arch;
    dawn = requireHere(join(root, 'dist', `${process.platform}-${arch}`, 'dawn.node')) as DawnGlobals;
  }
  Object.assign(globalThis, dawn.globals);
  dawnGpu = dawn.create([]);
  return dawnGpu;
}

/** Registers the Node loaders with the registry (default and first choice: wasm). */
export function registerNodeBackends(options: NodeBackendOptions = {}): void {
  const wasm: BackendLoader = {
    name: 'wasm',
    async probe() {
      if (!resolvable('@tensorflow/tfjs-backend-wasm')) return { usable: false, detail: '@tensorflow/tfjs-backend-wasm is not installed' };
      return { usable: true, detail: options.wasmThreads && options.wasmThreads > 1 ? `SIMD, ${options.wasmThreads} threads` : 'SIMD' };
    },
    async load() {
      if (options.wasmThreads && options.wasmThreads > 1) await enableWasmThreadsInNode({ numThreads: options.wasmThreads });
      await import('@tensorflow/tfjs-backend-wasm');
      registerWasmTrainingKernels();
    },
  };
  const cpu: BackendLoader = {
    name: 'cpu',
    async probe() {
      return { usable: true, detail: 'pure JavaScript (slow for CNNs)' };
    },
    async load() {},
  };
  const webgpu: BackendLoader = {
    name: 'webgpu',
    async probe() {
      if (!resolvable('webgpu')) return { usable: false, detail: "the 'webgpu' npm package (Dawn) is not installed" };
      if (!resolvable('@tensorflow/tfjs-backend-webgpu')) return { usable: false, detail: '@tensorflow/tfjs-backend-webgpu is not installed' };
      const envProblem = webgpuNodeEnvProblem();
      if (envProblem) return { usable: false, detail: envProblem };
      try {
        const adapter = await (await loadDawn()).requestAdapter();
        if (!adapter) return { usable: false, detail: 'Dawn found no WebGPU adapter (no GPU driver and no SwiftShader Vulkan ICD)' };
        const desc = adapter.info?.description || adapter.info?.vendor;
        return { usable: true, detail: desc ? `adapter: ${desc}` : 'Dawn adapter' };
      } catch (err) {
        return { usable: false, detail: `Dawn failed to start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
      }
    },
    async load() {
      const gpu = await loadDawn();
      const g = globalThis as { navigator?: { gpu?: unknown } };
      if (!g.navigator) Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
      else if (!g.navigator.gpu) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
      // tfjs-backend-webgpu registers itself on import only if navigator.gpu exists by then.
      await import('@tensorflow/tfjs-backend-webgpu');
      if (!tf.findBackendFactory('webgpu')) throw new Error('tfjs-backend-webgpu did not register (navigator.gpu missing at import time)');
    },
  };
  const tensorflow: BackendLoader = {
    name: 'tensorflow',
    async probe() {
      return resolvable('@tensorflow/tfjs-node')
        ? { usable: true, detail: 'libtensorflow via @tensorflow/tfjs-node' }
        : { usable: false, detail: 'optional peer @tensorflow/tfjs-node is not installed' };
    },
    async load() {
      requireHere('@tensorflow/tfjs-node');
    },
  };
  setBackendLoaders([wasm, cpu, webgpu, tensorflow], ['wasm', 'cpu', 'webgpu', 'tensorflow']);
}
