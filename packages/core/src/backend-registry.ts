/**
 * Backend registry and selection. A host registers loaders (the browser set lives in
 * `browser-backends.ts`, the Node set behind `@nnlab/core/node`); `useBackend` activates one by name
 * or picks the first usable one in preference order, and `listBackends` says which are usable and,
 * for the others, why not.
 */
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, InvalidOptionError } from './errors';

/** Names of the tfjs backends nnlab knows how to load. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu' | 'tensorflow';

/** Every backend name, in no particular order. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu', 'tensorflow'];

/** Result of asking a loader whether its backend can run here. */
export interface BackendProbe {
  usable: boolean;
  /** Why the backend cannot run (when `usable` is false), or a detail such as the adapter name. */
  detail?: string;
}

/** Knows how to make one tfjs backend available on one platform. */
export interface BackendLoader {
  readonly name: BackendName;
  /** Cheap check: can this backend run here? Must not throw. */
  probe(): Promise<BackendProbe>;
  /** Registers the backend with tfjs (imports its package, sets flags). Called at most once. */
  load(): Promise<void>;
}

/** What `listBackends` reports for one backend. */
export interface BackendStatus {
  name: BackendName;
  usable: boolean;
  detail?: string;
  /** True for the backend `useBackend('auto')` would pick. */
  preferred: boolean;
}

/** What `useBackend` activated. */
export interface ActiveBackend {
  name: BackendName;
  /** Why faster backends in the preference order were skipped (auto selection only). */
  skipped: { name: BackendName; reason: string }[];
  detail?: string;
}

interface RegistryState {
  loaders: Map<BackendName, BackendLoader>;
  order: BackendName[];
  loaded: Set<BackendName>;
}

const state: RegistryState = { loaders: new Map(), order: [], loaded: new Set() };

/**
 * Registers (or replaces) the loaders of this host and the preference order used by `'auto'`.
 * Hosts call it once: `registerBrowserBackends()` or `registerNodeBackends()` do.
 */
export function setBackendLoaders(loaders: readonly BackendLoader[], preferenceOrder: readonly BackendName[]): void {
  state.loaders = new Map(loaders.map((l) => [l.name, l]));
  state.order = preferenceOrder.filter((n) => state.loaders.has(n));
}

/** The preference order of the registered host (first = preferred). */
export function backendPreferenceOrder(): readonly BackendName[] {
  return state.order;
}

function ensureLoaders(): void {
  if (state.loaders.size === 0) {
    throw new InvalidOptionError(
      'no backend loaders registered: call registerNodeBackends() from @nnlab/core/node or registerBrowserBackends() from @nnlab/core first',
    );
  }
}

/** Probes every registered backend. */
export async function listBackends(): Promise<BackendStatus[]> {
  ensureLoaders();
  const out: BackendStatus[] = [];
  let preferredTaken = false;
  for (const name of state.order) {
    const probe = await safeProbe(state.loaders.get(name)!);
    const preferred = probe.usable && !preferredTaken;
    if (preferred) preferredTaken = true;
    out.push({ name, usable: probe.usable, detail: probe.detail, preferred });
  }
  return out;
}

async function safeProbe(loader: BackendLoader): Promise<BackendProbe> {
  try {
    return await loader.probe();
  } catch (err) {
    return { usable: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

async function activate(name: BackendName): Promise<void> {
  const loader = state.loaders.get(name)!;
  if (!state.loaded.has(name)) {
    await loader.load();
    state.loaded.add(name);
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs could not initialise backend '${name}'`);
  await tf.ready();
}

/**
 * Activates a backend. `'auto'` (the default) takes the first usable one in the host's preference
 * order. Throws `BackendUnavailableError` naming the usable alternatives when `name` cannot run.
 */
export async function useBackend(name: BackendName | 'auto' = 'auto'): Promise<ActiveBackend> {
  ensureLoaders();
  if (name !== 'auto' && !BACKEND_NAMES.includes(name)) {
    throw new InvalidOptionError(`unknown backend '${String(name)}': expected one of auto, ${BACKEND_NAMES.join(', ')}`);
  }
  const candidates = name === 'auto' ? state.order : [name];
  const skipped: { name: BackendName; reason: string }[] = [];
  for (const candidate of candidates) {
    const loader = state.loaders.get(candidate);
    if (!loader) {
      skipped.push({ name: candidate, reason: 'not supported on this platform' });
      continue;
    }
    const probe = await safeProbe(loader);
    if (!probe.usable) {
      skipped.push({ name: candidate, reason: probe.detail ?? 'unavailable' });
      continue;
    }
    try {
      await activate(candidate);
      return { name: candidate, skipped, detail: probe.detail };
    } catch (err) {
      skipped.push({ name: candidate, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  const usable = (await listBackends()).filter((b) => b.usable).map((b) => b.name);
  const reason = skipped.map((s) => (name === 'auto' ? `${s.name}: ${s.reason}` : s.reason)).join('; ') || 'no loader';
  throw new BackendUnavailableError(name, reason, usable);
}

/** Name of the tfjs backend currently active (or undefined before any was set). */
export function activeBackendName(): string | undefined {
  return tf.getBackend() || undefined;
}
