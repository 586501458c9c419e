/**
 * Starting a backend (with a time limit and wasm threads) and the automatic choice by measurement:
 * WebGPU and WebGL are skipped on a software adapter (they would run on the CPU through
 * SwiftShader, far slower than wasm); every other backend that starts is timed on a short probe
 * and the fastest wins; the plain-JS cpu backend is only the last resort. Each backend gets a
 * one-line reason, shown in the header. DOM-free: the training worker activates backends with it.
 */
import { useBackend, type BackendName, type BackendStatus } from '@nnlab/core';
import { withTimeout } from '../util/timeout';
import { webglAdapterInfo, webgpuAdapterInfo, type AdapterInfo } from './adapter-info';
import { timeProbe } from './probe-timing';
import { threadsPossible, wantedWasmThreads, withWasmThreadPatches } from './wasm-threads';

/** A backend name or the automatic choice. */
export type BackendChoice = BackendName | 'auto';

/** How long a backend may take to start before it counts as failed. */
export const BACKEND_START_TIMEOUT_MS = 20_000;

/** A started backend. */
export interface Activated {
  name: BackendName;
  /** wasm: the threads tfjs runs (1 = single-threaded build). */
  threads?: number;
  /** GPU backends: the adapter / renderer. */
  adapter?: string;
}

/** Starts `name`, failing with one line when it does not come up within `timeoutMs`. */
export async function activateBackend(name: BackendName, timeoutMs = BACKEND_START_TIMEOUT_MS): Promise<Activated> {
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm') | undefined;
  let threads = 1;
  if (name === 'wasm') {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
    threads = threadsPossible() ? wantedWasmThreads() : 1;
    wasm.setThreadsCount(threads);
  }
  await withTimeout(
    withWasmThreadPatches(threads, () => useBackend(name)),
    timeoutMs,
    () =>
      name === 'wasm'
        ? `wasm did not start within ${timeoutMs / 1000} s (its binaries under tfjs-wasm/ may be missing or blocked; multi-threaded: ${threads > 1 ? 'yes' : 'no'})`
        : `${name} did not start within ${timeoutMs / 1000} s`,
  );
  return wasm ? { name, threads: wasm.getThreadsCount() } : { name };
}

/** One backend's part in the automatic choice. */
export interface Assessment {
  name: BackendName;
  outcome: 'chosen' | 'slower' | 'skipped' | 'failed';
  reason: string;
  /** Probe time (ms per round) when it was timed. */
  probeMs?: number;
}

/** The automatic choice's result. */
export interface AutoChoice {
  active: Activated;
  assessments: Assessment[];
}

async function adapterOf(name: BackendName): Promise<AdapterInfo | undefined> {
  if (name === 'webgpu') return webgpuAdapterInfo();
  if (name === 'webgl') return webglAdapterInfo();
  return undefined;
}

const ms = (t: number) => `${t < 10 ? t.toFixed(1) : Math.round(t)} ms`;

/** Chooses among `statuses` (in preference order) by adapter kind and probe time; leaves the winner active. */
export async function chooseByMeasurement(statuses: readonly BackendStatus[], timeoutMs = BACKEND_START_TIMEOUT_MS): Promise<AutoChoice> {
  const assessments: Assessment[] = [];
  const timed: { active: Activated; probeMs: number }[] = [];
  for (const s of statuses) {
    if (!s.usable) {
      assessments.push({ name: s.name, outcome: 'skipped', reason: s.detail ?? 'not available' });
      continue;
    }
    if (s.name === 'cpu' && timed.length > 0) {
      assessments.push({ name: 'cpu', outcome: 'skipped', reason: 'plain JavaScript, the last resort' });
      continue;
    }
    const adapter = await adapterOf(s.name);
    if (adapter?.software) {
      assessments.push({ name: s.name, outcome: 'skipped', reason: `software adapter (${adapter.description}): it would run on the CPU, slower than wasm` });
      continue;
    }
    try {
      const active = await activateBackend(s.name, timeoutMs);
      if (adapter) active.adapter = adapter.description;
      const probeMs = await withTimeout(timeProbe(), timeoutMs, () => `its probe did not finish within ${timeoutMs / 1000} s`);
      timed.push({ active, probeMs });
      assessments.push({ name: s.name, outcome: 'slower', reason: '', probeMs });
    } catch (err) {
      assessments.push({ name: s.name, outcome: 'failed', reason: err instanceof Error ? err.message : String(err) });
    }
  }
  if (timed.length === 0) throw new Error(`no backend could start: ${assessments.map((a) => `${a.name}: ${a.reason}`).join('; ')}`);
  const best = timed.reduce((a, b) => (b.probeMs < a.probeMs ? b : a));
  for (const a of assessments) {
    if (a.probeMs === undefined) continue;
    if (a.name === best.active.name) {
      a.outcome = 'chosen';
      a.reason = timed.length > 1 ? `fastest probe: ${ms(a.probeMs)} per round` : `probe: ${ms(a.probeMs)} per round (the only one timed)`;
    } else a.reason = `probe: ${ms(a.probeMs)} per round, slower than ${best.active.name}'s ${ms(best.probeMs)}`;
  }
  // The last timed backend is active now; switch back to the winner.
  const active =
    timed[timed.length - 1].active.name === best.active.name
      ? best.active
      : { ...(await activateBackend(best.active.name, timeoutMs)), adapter: best.active.adapter };
  return { active, assessments };
}
