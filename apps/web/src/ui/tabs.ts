/** Page tabs driven by the URL hash (`#train`, `#use`, `#models`), so pages can be linked. */
import { h } from './dom';

export interface Tab {
  id: string;
  label: string;
  el: HTMLElement;
}

export class Tabs {
  readonly nav: HTMLElement;
  private readonly buttons: Map<string, HTMLAnchorElement>;

  constructor(private readonly tabs: readonly Tab[]) {
    this.buttons = new Map(tabs.map((t) => [t.id, h('a', { href: `#${t.id}`, class: 'tab', 'data-tab': t.id }, t.label)]));
    this.nav = h('nav', { class: 'tabs' }, [...this.buttons.values()]);
    window.addEventListener('hashchange', () => this.show(this.current()));
    this.show(this.current());
  }

  private current(): string {
    const id = location.hash.slice(1);
    return this.tabs.some((t) => t.id === id) ? id : this.tabs[0].id;
  }

  show(id: string): void {
    for (const t of this.tabs) {
      t.el.hidden = t.id !== id;
      this.buttons.get(t.id)!.classList.toggle('active', t.id === id);
      this.buttons.get(t.id)!.setAttribute('aria-current', t.id === id ? 'page' : 'false');
    }
  }
}
