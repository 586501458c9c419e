/**
 * How many threads the wasm backend gets when the user does not say (`--threads`,
 * NNLAB_WASM_THREADS). tfjs-backend-wasm's threaded build splits each XNNPACK operator across a
 * thread pool: that pays on large convolutions and costs on small ones, where the hand-offs
 * outweigh the work. Measured on a 2-core machine (`nnlab bench`, 300 steps): cnn-pneumonia
 * (≈40 MFLOP forward per sample) trains 1.3× faster on 2 threads; cnn-mnist (≈0.3 MFLOP) gains
 * nothing (11.5k vs 11.2k samples/s) and holds a second core busy; the MLPs train in nnlab's fused
 * dense trainer, which is single-threaded either way.
 *
 * So: every core (up to `MAX_AUTO_THREADS`) when a model of the command needs at least
 * `THREADED_MIN_FORWARD_MFLOP` per sample, else one thread. The count is fixed when the wasm
 * backend starts, so a command decides once, for the largest model it will train; `nnlab bench`
 * runs each model in its own process to give each its own choice.
 */
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { buildModel, getZooEntry, type ModelSpec, type ZooArgs } from '@nnlab/models';
import { forwardFlops } from '@nnlab/experiments';

/** Forward MFLOP per sample from which the threaded build is used. */
export const THREADED_MIN_FORWARD_MFLOP = 10;
/** Cap of the automatic thread count. */
export const MAX_AUTO_THREADS = 4;

/** Help text of the `--threads` flags. */
export const WASM_THREADS_HELP = `wasm backend threads (default: NNLAB_WASM_THREADS, else every core up to ${MAX_AUTO_THREADS} for models of ≥ ${THREADED_MIN_FORWARD_MFLOP} MFLOP per sample such as cnn-pneumonia, 1 for smaller ones)`;

/** NNLAB_WASM_THREADS, when set to a positive integer. */
export function wasmThreadsFromEnv(): number | undefined {
  const v = Number(process.env.NNLAB_WASM_THREADS);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

/** A model a command will train: a zoo id with its knobs, or a spec (with its input shape). */
export type ThreadPolicyModel = { id: string; args?: ZooArgs } | { spec: ModelSpec };

/** Forward FLOPs per sample of a model (built on the cpu backend, before wasm starts). */
async function modelForwardFlops(m: ThreadPolicyModel): Promise<number> {
  const previous = tf.getBackend();
  if (previous !== 'cpu') await tf.setBackend('cpu');
  const model = 'spec' in m ? buildModel(m.spec) : getZooEntry(m.id).build(m.args ?? {});
  try {
    return forwardFlops(model);
  } finally {
    model.dispose();
  }
}

/** The automatic wasm thread count for a command that trains `models`. */
export async function autoWasmThreads(models: ThreadPolicyModel[], cores = availableParallelism()): Promise<number> {
  let heaviest = 0;
  for (const m of models) heaviest = Math.max(heaviest, await modelForwardFlops(m));
  return heaviest >= THREADED_MIN_FORWARD_MFLOP * 1e6 ? Math.max(1, Math.min(cores, MAX_AUTO_THREADS)) : 1;
}

/** `--threads`, else NNLAB_WASM_THREADS, else the automatic choice for `models`. */
export async function resolveWasmThreads(explicit: number | undefined, models: ThreadPolicyModel[]): Promise<number> {
  return explicit ?? wasmThreadsFromEnv() ?? (await autoWasmThreads(models));
}
