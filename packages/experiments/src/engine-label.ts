/**
 * How a run's training steps were computed, in words: the native engine with its library, ISA and
 * threads, or nnlab's fused dense trainer / tfjs' ops on a tfjs backend. One wording for every
 * place that shows a run (the CLI's status line, summaries, run tables and report; the web's run
 * table). Records written before engines were recorded show their backend.
 */
import type { EngineInfo } from '@nnlab/core';

export function engineLabel(engine: EngineInfo | undefined, backend: string): string {
  if (!engine) return backend;
  const threads = engine.threads !== undefined ? `${engine.threads} thread${engine.threads === 1 ? '' : 's'}` : undefined;
  if (engine.library) return `${engine.name} (${[engine.library, engine.isa, threads].filter(Boolean).join(', ')})`;
  return `${engine.name} on ${backend}${threads ? ` (${threads})` : ''}`;
}

/** The short form for tables: `native`, `fused-dense@wasm`, `tfjs@webgpu` (older records: the backend). */
export function engineShort(engine: EngineInfo | undefined, backend: string): string {
  if (!engine) return backend;
  return engine.name === 'native' ? engine.name : `${engine.name}@${backend}`;
}
