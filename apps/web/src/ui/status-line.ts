/** A one-line status with a machine-readable state (`data-state`) for styling and tests. */
import { h } from './dom';

export class StatusLine {
  readonly el: HTMLElement;

  constructor(testId: string) {
    this.el = h('span', { class: 'status', 'data-testid': testId, 'data-state': 'idle', role: 'status', 'aria-live': 'polite' });
  }

  set(state: string, text: string): void {
    this.el.dataset.state = state;
    this.el.textContent = text;
  }

  state(): string {
    return this.el.dataset.state ?? 'idle';
  }
}
