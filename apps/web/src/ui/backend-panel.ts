/**
 * Header panel: which tfjs backend runs (wasm: with how many threads), why (the automatic choice's
 * measurements and skip reasons, or a manual choice), every backend's verdict, and a switch whose
 * choice is remembered for the next visit.
 */
import type { BackendChoice, BackendController, BackendState } from '../backend/backend-controller';
import { whyText } from '../backend/why-text';
import { h } from './dom';

export class BackendPanel {
  readonly el: HTMLElement;
  private readonly name = h('strong', { 'data-testid': 'backend-name' }, '…');
  private readonly detail = h('span', { class: 'muted', 'data-testid': 'backend-detail' });
  private readonly choice = h('select', { 'data-testid': 'backend-select', id: 'backend-select' }, h('option', { value: 'auto' }, 'auto'));
  private readonly switchButton = h('button', { type: 'button', 'data-testid': 'backend-switch' }, 'Switch');
  private readonly why = h('div', { class: 'backend-why', 'data-testid': 'backend-why' });
  private readonly reasons = h('ul', { class: 'backend-reasons', 'data-testid': 'backend-skipped' });
  private readonly error = h('p', { class: 'error', 'data-testid': 'backend-error', role: 'alert' });

  constructor(
    private readonly controller: BackendController,
    private readonly isBusy: () => boolean,
  ) {
    this.switchButton.addEventListener('click', () => void this.switch());
    this.el = h(
      'div',
      { class: 'backend-panel' },
      h(
        'div',
        { class: 'backend-line' },
        h('span', {}, 'backend: '),
        this.name,
        this.detail,
        h('label', { class: 'visually-hidden', for: 'backend-select' }, 'backend to use'),
        this.choice,
        this.switchButton,
      ),
      this.why,
      h('details', {}, h('summary', {}, 'all backends'), this.reasons),
      this.error,
    );
    controller.state.subscribe((s) => this.render(s));
  }

  private async switch(): Promise<void> {
    if (this.isBusy()) {
      this.error.textContent = 'stop the training run before switching backends';
      return;
    }
    try {
      await this.controller.switchTo(this.choice.value as BackendChoice, { remember: true });
    } catch {
      // shown through the state's error
    }
  }

  private render(s: BackendState): void {
    this.el.dataset.phase = s.phase;
    this.name.textContent = s.active?.name ?? (s.phase === 'failed' ? 'none' : '…');
    if (s.active) this.name.dataset.threads = String(s.active.threads ?? '');
    const threads = s.active?.threads !== undefined ? `${s.active.threads} thread${s.active.threads === 1 ? '' : 's'}` : undefined;
    const info = [threads, s.active?.adapter].filter((x) => x).join(', ');
    this.detail.textContent =
      s.phase === 'switching' ? ' (switching…)' : s.phase === 'starting' ? ' (timing a short probe per backend…)' : info ? ` (${info})` : '';
    this.switchButton.disabled = s.phase === 'switching' || s.phase === 'starting';
    this.error.textContent = s.error ? `backend: ${s.error}` : '';
    if (s.statuses.length && this.choice.options.length === 1) {
      for (const b of s.statuses) this.choice.append(h('option', { value: b.name, disabled: !b.usable }, b.usable ? b.name : `${b.name} (unavailable)`));
    }
    if (s.phase === 'ready') this.choice.value = s.choice;
    const verdicts = new Map(s.assessments.map((a) => [a.name, a]));
    const rows = s.statuses.map((b) => {
      const a = verdicts.get(b.name);
      const state =
        b.name === s.active?.name ? 'active' : !b.usable ? 'not available' : a?.outcome === 'skipped' || a?.outcome === 'failed' ? 'not chosen' : 'available';
      const reason = a?.reason ?? (b.usable ? b.detail : (b.detail ?? 'unavailable'));
      return h(
        'li',
        { 'data-backend': b.name, class: state === 'active' ? 'active' : state === 'available' ? '' : 'skipped' },
        h('strong', {}, b.name),
        ` — ${state}${reason ? `: ${reason}` : ''}`,
      );
    });
    this.reasons.replaceChildren(...rows);
    this.why.textContent = whyText(s);
  }
}
