/**
 * Loader of one compiled kernel module (an AssemblyScript file of `assembly/`, built by
 * `scripts/build-wasm.mjs`) bound to tfjs-backend-wasm's heap: instantiated once per heap (its
 * `WebAssembly.Memory`), from the shared-memory build when the heap is shared (tfjs' threaded
 * build). Where it cannot run (no SIMD, no access to the heap's Memory, synchronous compilation
 * refused) `kernelsFor` returns null and callers take their other paths.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { CompiledWasmModule } from './generated/wasm-modules';
import { wasmHeapMemory } from './wasm-kernel-utils';

/** The exported functions of an instance, by name. */
export type ExportedFunctions<N extends string> = Record<N, (...args: number[]) => number | undefined>;

/** A module loader for one set of exports. */
export interface HeapModule<N extends string> {
  /** The module's functions bound to this backend's heap, or null where they cannot run. */
  kernelsFor(backend: BackendWasm): ExportedFunctions<N> | null;
  /** The module's functions bound to `memory` (which must be the heap or a memory like it), or null. */
  forMemory(memory: WebAssembly.Memory): ExportedFunctions<N> | null;
  /** The bytes of the build for a plain (false) or shared (true) heap. */
  bytes(shared: boolean): Uint8Array<ArrayBuffer>;
}

/** Bytes from base64 (browser-safe: `atob`, no Buffer). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Whether a memory is shared (the threaded tfjs build's heap). */
export function isSharedMemory(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

/** Loader of `compiled`, importing the heap as `env.memory` and exporting `names`. */
export function heapModule<N extends string>(compiled: CompiledWasmModule, names: readonly N[]): HeapModule<N> {
  const cache = new WeakMap<WebAssembly.Memory, ExportedFunctions<N> | null>();
  const decoded: { plain?: Uint8Array<ArrayBuffer>; shared?: Uint8Array<ArrayBuffer> } = {};
  const bytes = (shared: boolean): Uint8Array<ArrayBuffer> => {
    const key = shared ? 'shared' : 'plain';
    return (decoded[key] ??= decodeBase64(compiled[key]));
  };
  const instantiate = (memory: WebAssembly.Memory): ExportedFunctions<N> | null => {
    try {
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes(isSharedMemory(memory))), { env: { memory } });
      const fns = {} as ExportedFunctions<N>;
      for (const name of names) {
        const fn = exports[name];
        if (typeof fn !== 'function') return null;
        fns[name] = fn as (...args: number[]) => number | undefined;
      }
      return fns;
    } catch {
      // No SIMD in this engine, or synchronous compilation refused.
      return null;
    }
  };
  const forMemory = (memory: WebAssembly.Memory): ExportedFunctions<N> | null => {
    let fns = cache.get(memory);
    if (fns === undefined) {
      fns = instantiate(memory);
      cache.set(memory, fns);
    }
    return fns;
  };
  return {
    kernelsFor(backend) {
      const memory = wasmHeapMemory(backend);
      return memory ? forMemory(memory) : null;
    },
    forMemory,
    bytes,
  };
}
