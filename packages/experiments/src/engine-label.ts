/**
 * How a run's training steps were computed, in words: the native engine with its library, ISA and
 * threads, or nnlab's fused dense trainer / tfjs' ops on a tfjs backend. One wording for every
 * place that shows a run (the CLI's status line, summaries, run tables and report; the web's run
 * table). Records written before engines were recorded show their backend.
 */
import type { EngineInfo } from '@nnlab/core';

/**
 * `backendThreads`: the tfjs backend's threads where the caller knows them (the web's wasm worker),
 * shown when the engine does not name its own.
 */
export function engineLabel(engine: EngineInfo | undefined, backend: string, backendThreads?: number): string {
  const n = engine?.threads ?? backendThreads;
  const threads = n !== undefined ? `${n} thread${n === 1 ? '' : 's'}` : undefined;
  if (engine?.library) return `${engine.name} (${[engine.library, engine.isa, threads].filter(Boolean).join(', ')})`;
  return `${engine ? `${engine.name} on ` : ''}${backend}${threads ? ` (${threads})` : ''}`;
}

/** The short form for tables: `native`, `fused-dense@wasm`, `tfjs@webgpu` (older records: the backend). */
export function engineShort(engine: EngineInfo | undefined, backend: string): string {
  if (!engine) return backend;
  return engine.name === 'native' ? engine.name : `${engine.name}@${backend}`;
}
