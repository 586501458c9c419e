/**
 * The tfjs backend of the page: browser loaders registered once (wasm binaries served by the app),
 * automatic choice WebGPU → WebGL → wasm → cpu with the reasons faster ones were skipped, and
 * switching on demand.
 */
import { listBackends, registerBrowserBackends, useBackend, type ActiveBackend, type BackendName, type BackendStatus } from '@nnlab/core';
import { assetUrl } from '../data/asset-url';
import { Observable } from '../state/observable';

/** A backend name or automatic choice. */
export type BackendChoice = BackendName | 'auto';

/** What the page shows about backends. */
export interface BackendState {
  /** 'starting' until the first backend is active; 'switching' while one loads. */
  phase: 'starting' | 'ready' | 'switching' | 'failed';
  active?: ActiveBackend;
  /** What the automatic choice skipped, and why (kept after a manual switch). */
  autoSkipped: ActiveBackend['skipped'];
  /** The backend the automatic choice picked (undefined until it ran). */
  autoChoice?: BackendName;
  /** Every registered backend with its probe result. */
  statuses: BackendStatus[];
  error?: string;
}

/** Owns backend selection for the page. */
export class BackendController {
  readonly state = new Observable<BackendState>({ phase: 'starting', autoSkipped: [], statuses: [] });
  private registered = false;

  /** Registers the browser loaders and activates `choice` (default automatic). */
  async start(choice: BackendChoice = 'auto'): Promise<ActiveBackend> {
    if (!this.registered) {
      registerBrowserBackends({ wasmPaths: assetUrl('tfjs-wasm/') });
      this.registered = true;
    }
    return this.switchTo(choice);
  }

  /** Activates another backend; on failure the previous one stays active. */
  async switchTo(choice: BackendChoice): Promise<ActiveBackend> {
    const prev = this.state.get();
    this.state.set({ ...prev, phase: prev.active ? 'switching' : 'starting', error: undefined });
    try {
      const active = await useBackend(choice);
      const statuses = await listBackends();
      this.state.set({
        phase: 'ready',
        active,
        autoSkipped: choice === 'auto' ? active.skipped : prev.autoSkipped,
        autoChoice: choice === 'auto' ? active.name : prev.autoChoice,
        statuses,
      });
      return active;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.state.set({ ...this.state.get(), phase: prev.active ? 'ready' : 'failed', error: message });
      throw err;
    }
  }

  /** Name of the active backend (undefined before start). */
  activeName(): BackendName | undefined {
    return this.state.get().active?.name;
  }
}
