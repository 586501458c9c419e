/**
 * Renders the Vega-Lite specs of @nnlab/metrics (the same specs the CLI renders in Node) with
 * vega-embed. Renders are serialised and coalesced: while one is running only the latest spec
 * waits, and each render goes into a fresh element swapped in when ready, so live charts do not
 * flicker.
 */
import embed, { type Result, type VisualizationSpec } from 'vega-embed';
import type { VegaLiteSpec } from '@nnlab/metrics';
import { h } from './dom';

/** One chart slot on the page. */
export class VegaChart {
  readonly el: HTMLElement;
  private current?: Result;
  private running?: Promise<void>;
  private pending?: VegaLiteSpec;

  constructor(testId: string, className = 'chart') {
    this.el = h('div', { class: className, 'data-testid': testId });
  }

  /** Shows `spec` (replacing what is shown); resolves when it (or a newer spec) is drawn. */
  render(spec: VegaLiteSpec): Promise<void> {
    this.pending = spec;
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Removes the chart. */
  clear(): void {
    this.pending = undefined;
    this.current?.finalize();
    this.current = undefined;
    this.el.replaceChildren();
    delete this.el.dataset.rendered;
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const spec = this.pending;
      this.pending = undefined;
      const target = h('div', { class: 'chart-inner' });
      let result: Result;
      try {
        result = await embed(target, spec as VisualizationSpec, {
          mode: 'vega-lite',
          renderer: 'svg',
          actions: { export: true, source: false, compiled: false, editor: false },
        });
      } catch (err) {
        this.el.replaceChildren(h('p', { class: 'error' }, `chart failed: ${err instanceof Error ? err.message : String(err)}`));
        continue;
      }
      this.current?.finalize();
      this.current = result;
      this.el.replaceChildren(target);
      this.el.dataset.rendered = 'true';
    }
  }
}
