/**
 * Backend loaders for browsers: WebGPU → WebGL → wasm → cpu. WebGPU needs `navigator.gpu` and an
 * adapter; WebGL a canvas context; wasm WebAssembly. The wasm binaries must be served next to the
 * app (pass `wasmPaths` as for `setWasmPaths`).
 */
import * as tf from '@tensorflow/tfjs';
import { setBackendLoaders, type BackendLoader } from './backend-registry';
import { registerWasmTrainingKernels } from '@nnlab/kernels-wasm';

/** Options of `registerBrowserBackends`. */
export interface BrowserBackendOptions {
  /** Where the tfjs wasm binaries are served (prefix or per-file map), as for `setWasmPaths`. */
  wasmPaths?: string | Record<string, string>;
}

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

function navigatorGpu(): GpuLike | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu;
}

/** Registers the browser loaders with the registry (preference webgpu, webgl, wasm, cpu). */
export function registerBrowserBackends(options: BrowserBackendOptions = {}): void {
  const webgpu: BackendLoader = {
    name: 'webgpu',
    async probe() {
      const gpu = navigatorGpu();
      if (!gpu) return { usable: false, detail: 'navigator.gpu is missing (browser without WebGPU, or it is disabled)' };
      const adapter = await gpu.requestAdapter();
      if (!adapter) return { usable: false, detail: 'navigator.gpu.requestAdapter() returned no adapter' };
      return { usable: true };
    },
    async load() {
      await import('@tensorflow/tfjs-backend-webgpu');
    },
  };
  const webgl: BackendLoader = {
    name: 'webgl',
    async probe() {
      // In a worker there is no document: tfjs-backend-webgl draws on an OffscreenCanvas (WebGL2).
      if (typeof document === 'undefined') {
        if (typeof OffscreenCanvas === 'undefined') return { usable: false, detail: 'no DOM and no OffscreenCanvas' };
        return new OffscreenCanvas(1, 1).getContext('webgl2') ? { usable: true } : { usable: false, detail: 'no WebGL2 context on an OffscreenCanvas' };
      }
      const canvas = document.createElement('canvas');
      const ctx = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
      return ctx ? { usable: true } : { usable: false, detail: 'no WebGL context could be created' };
    },
    async load() {
      // Registered by @tensorflow/tfjs itself.
    },
  };
  const wasm: BackendLoader = {
    name: 'wasm',
    async probe() {
      return typeof WebAssembly === 'object' ? { usable: true } : { usable: false, detail: 'WebAssembly is missing' };
    },
    async load() {
      const mod = await import('@tensorflow/tfjs-backend-wasm');
      if (options.wasmPaths) mod.setWasmPaths(options.wasmPaths as string);
      registerWasmTrainingKernels();
    },
  };
  const cpu: BackendLoader = {
    name: 'cpu',
    async probe() {
      return { usable: true };
    },
    async load() {
      // Always registered by @tensorflow/tfjs.
    },
  };
  void tf;
  setBackendLoaders([webgpu, webgl, wasm, cpu], ['webgpu', 'webgl', 'wasm', 'cpu']);
}
