/**
 * A hand-assembled WebAssembly module bound to tfjs-backend-wasm's heap: compiled once per heap
 * (its `WebAssembly.Memory`), shared or not as the heap is, with a switch to turn it off (tests of
 * the fallbacks). Where it cannot run (no SIMD, no access to the heap's Memory, synchronous
 * compilation refused) `kernelsFor` returns null and callers take their other paths.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmHeapMemory } from './wasm-kernel-utils';

/** The exported functions of an instance, by name, or null when one is missing. */
export type ExportedFunctions<N extends string> = Record<N, (...args: number[]) => number | undefined>;

/** A module loader for one set of exports. */
export interface HeapModule<T> {
  /** The bound kernels for this backend's heap, or null where they cannot run. */
  kernelsFor(backend: BackendWasm): T | null;
  /** Turns the module off (true) or back on. */
  setDisabled(disabled: boolean): void;
}

/**
 * Loader of the module `bytes(sharedMemory)`, importing the heap as `env.memory`, exporting
 * `names`; `bind` turns the exported functions into the typed kernels.
 */
export function heapModule<N extends string, T>(
  bytes: (sharedMemory: boolean) => Uint8Array<ArrayBuffer>,
  names: readonly N[],
  bind: (fns: ExportedFunctions<N>, memory: WebAssembly.Memory) => T,
): HeapModule<T> {
  const cache = new WeakMap<WebAssembly.Memory, T | null>();
  let enabled = true;
  const instantiate = (memory: WebAssembly.Memory): T | null => {
    try {
      const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes(shared)), { env: { memory } });
      const fns = {} as ExportedFunctions<N>;
      for (const name of names) {
        const fn = exports[name];
        if (typeof fn !== 'function') return null;
        fns[name] = fn as (...args: number[]) => number | undefined;
      }
      return bind(fns, memory);
    } catch {
      // No SIMD in this engine, or synchronous compilation refused.
      return null;
    }
  };
  return {
    kernelsFor(backend) {
      if (!enabled) return null;
      const memory = wasmHeapMemory(backend);
      if (!memory) return null;
      let kernels = cache.get(memory);
      if (kernels === undefined) {
        kernels = instantiate(memory);
        cache.set(memory, kernels);
      }
      return kernels;
    },
    setDisabled(disabled) {
      enabled = !disabled;
    },
  };
}
