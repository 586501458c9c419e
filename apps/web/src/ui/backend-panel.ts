/**
 * Header panel: which tfjs backend runs, why faster ones were not available (the automatic
 * choice's skip reasons and each backend's probe), and a switch.
 */
import type { BackendChoice, BackendController, BackendState } from '../backend/backend-controller';
import { whyText } from '../backend/why-text';
import { h } from './dom';

export class BackendPanel {
  readonly el: HTMLElement;
  private readonly name = h('strong', { 'data-testid': 'backend-name' }, '…');
  private readonly detail = h('span', { class: 'muted' });
  private readonly choice = h('select', { 'data-testid': 'backend-select', 'aria-label': 'backend' }, h('option', { value: 'auto' }, 'auto'));
  private readonly switchButton = h('button', { type: 'button', 'data-testid': 'backend-switch' }, 'Switch');
  private readonly why = h('div', { class: 'backend-why', 'data-testid': 'backend-why' });
  private readonly reasons = h('ul', { class: 'backend-reasons', 'data-testid': 'backend-skipped' });
  private readonly error = h('p', { class: 'error', 'data-testid': 'backend-error' });

  constructor(
    private readonly controller: BackendController,
    private readonly isBusy: () => boolean,
  ) {
    this.switchButton.addEventListener('click', () => void this.switch());
    this.el = h(
      'div',
      { class: 'backend-panel' },
      h('div', { class: 'backend-line' }, h('span', {}, 'backend: '), this.name, this.detail, this.choice, this.switchButton),
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
      await this.controller.switchTo(this.choice.value as BackendChoice);
    } catch {
      // shown through the state's error
    }
  }

  private render(s: BackendState): void {
    this.el.dataset.phase = s.phase;
    this.name.textContent = s.active?.name ?? (s.phase === 'failed' ? 'none' : '…');
    this.detail.textContent = s.phase === 'switching' ? ' (switching…)' : s.active?.detail ? ` (${s.active.detail})` : '';
    this.switchButton.disabled = s.phase === 'switching' || s.phase === 'starting';
    this.error.textContent = s.error ? `backend: ${s.error}` : '';
    if (s.statuses.length && this.choice.options.length === 1) {
      for (const b of s.statuses) this.choice.append(h('option', { value: b.name, disabled: !b.usable }, b.usable ? b.name : `${b.name} (unavailable)`));
    }
    const rows: HTMLElement[] = [];
    const skipped = new Map(s.autoSkipped.map((k) => [k.name, k.reason]));
    for (const b of s.statuses) {
      const reason = skipped.get(b.name) ?? (b.usable ? undefined : b.detail);
      const label = b.name === s.active?.name ? 'active' : reason ? 'not available' : b.usable ? 'available' : 'not available';
      rows.push(h('li', { 'data-backend': b.name, class: b.name === s.active?.name ? 'active' : reason ? 'skipped' : '' }, h('strong', {}, b.name), ` — ${label}${reason ? `: ${reason}` : b.detail && b.usable ? ` (${b.detail})` : ''}`));
    }
    this.reasons.replaceChildren(...rows);
    this.why.textContent = whyText(s);
  }
}
