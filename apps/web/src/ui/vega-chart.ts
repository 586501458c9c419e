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
  /** True while the shown view was made by `updateData` (its data may be replaced in place). */
  private live = false;
  private renderer: 'svg' | 'canvas' = 'svg';
  private onClick?: (datum: Record<string, unknown>) => void;

  constructor(testId: string, className = 'chart') {
    this.el = h('div', { class: className, 'data-testid': testId });
  }

  /** Shows `spec` (replacing what is shown); resolves when it (or a newer spec) is drawn. */
  render(spec: VegaLiteSpec, renderer: 'svg' | 'canvas' = 'svg'): Promise<void> {
    this.live = false;
    this.pending = spec;
    this.renderer = renderer;
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /**
   * Live updates: the first call embeds `spec`; later calls only replace its inline data in the
   * running view (no Vega-Lite compile, no new view — a few ms instead of a full render), as long
   * as the chart was not re-rendered in between. The spec's other parts must not change.
   */
  async updateData(spec: VegaLiteSpec): Promise<void> {
    const values = (spec as { data?: { values?: unknown[] } }).data?.values;
    if (this.current && this.live && !this.running && values) {
      this.current.view.data('source_0', values);
      await this.current.view.runAsync();
      return;
    }
    // Live views draw on a canvas: redrawing it costs far less than re-diffing an SVG tree.
    await this.render(spec, 'canvas');
    this.live = true;
  }

  /** Calls `handler` with the datum of a clicked mark (e.g. a confusion-matrix cell). */
  onDatumClick(handler: (datum: Record<string, unknown>) => void): void {
    this.onClick = handler;
    this.current?.view.addEventListener('click', (_e, item) => item?.datum && this.onClick?.(item.datum as Record<string, unknown>));
  }

  /** Removes the chart. */
  clear(): void {
    this.pending = undefined;
    this.live = false;
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
          renderer: this.renderer,
          actions: { export: true, source: false, compiled: false, editor: false },
        });
      } catch (err) {
        this.el.replaceChildren(h('p', { class: 'error' }, `chart failed: ${err instanceof Error ? err.message : String(err)}`));
        continue;
      }
      this.current?.finalize();
      this.current = result;
      if (this.onClick) result.view.addEventListener('click', (_e, item) => item?.datum && this.onClick?.(item.datum as Record<string, unknown>));
      this.el.replaceChildren(target);
      this.el.dataset.rendered = 'true';
    }
  }
}
