/**
 * The tfjs backend of the page: browser loaders registered once (wasm binaries served by the app),
 * the automatic choice by measurement (`backend-choice.ts`), switching on demand, and the user's
 * choice remembered across visits. The training worker starts the same backend by name.
 */
import { BACKEND_NAMES, listBackends, registerBrowserBackends, type BackendName, type BackendStatus } from '@nnlab/core';
import { assetUrl } from '../data/asset-url';
import { Observable } from '../state/observable';
import { activateBackend, chooseByMeasurement, type Activated, type Assessment, type BackendChoice } from './backend-choice';
import { rememberChoice, rememberedChoice } from './choice-store';

export type { BackendChoice } from './backend-choice';

/** What the page shows about backends. */
export interface BackendState {
  /** 'starting' until the first backend is active; 'switching' while one loads. */
  phase: 'starting' | 'ready' | 'switching' | 'failed';
  active?: Activated;
  /** What the user asked for (the active one may differ when a named backend failed). */
  choice: BackendChoice;
  /** The last automatic choice's verdict on every backend (empty until it ran). */
  assessments: Assessment[];
  /** Every registered backend with its probe result. */
  statuses: BackendStatus[];
  error?: string;
}

/** The backend the URL asks for (`?backend=…`), if any. */
export function backendFromUrl(search: string): BackendChoice | undefined {
  const asked = new URLSearchParams(search).get('backend');
  return asked === 'auto' || (asked && (BACKEND_NAMES as readonly string[]).includes(asked)) ? (asked as BackendChoice) : undefined;
}

/** Owns backend selection for the page. */
export class BackendController {
  readonly state = new Observable<BackendState>({ phase: 'starting', choice: 'auto', assessments: [], statuses: [] });
  private registered = false;

  /** Registers the loaders and starts: the URL's backend, else the remembered choice, else auto. */
  async start(search = ''): Promise<Activated> {
    if (!this.registered) {
      registerBrowserBackends({ wasmPaths: assetUrl('tfjs-wasm/') });
      this.registered = true;
    }
    const choice = backendFromUrl(search) ?? rememberedChoice(BACKEND_NAMES) ?? 'auto';
    try {
      return await this.switchTo(choice);
    } catch (err) {
      if (choice === 'auto') throw err;
      // The error stays on the panel; the automatic choice takes over.
      const failed = this.state.get().error;
      const active = await this.switchTo('auto');
      this.state.set({ ...this.state.get(), error: `${choice} could not start (${failed ?? 'unknown error'}); chose automatically instead` });
      return active;
    }
  }

  /** Activates a backend; `remember` keeps the choice for the next visit. On failure the previous one stays. */
  async switchTo(choice: BackendChoice, options: { remember?: boolean } = {}): Promise<Activated> {
    const prev = this.state.get();
    this.state.set({ ...prev, phase: prev.active ? 'switching' : 'starting', error: undefined });
    try {
      const statuses = prev.statuses.length ? prev.statuses : await listBackends();
      let active: Activated;
      let assessments = prev.assessments;
      if (choice === 'auto') ({ active, assessments } = await chooseByMeasurement(statuses));
      else active = await activateBackend(choice);
      if (options.remember) rememberChoice(choice);
      this.state.set({ phase: 'ready', active, choice, assessments, statuses });
      return active;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (prev.active) await activateBackend(prev.active.name).catch(() => undefined);
      this.state.set({ ...this.state.get(), phase: prev.active ? 'ready' : 'failed', error: message });
      throw err;
    }
  }

  /** Name of the active backend (undefined before start). */
  activeName(): BackendName | undefined {
    return this.state.get().active?.name;
  }
}
