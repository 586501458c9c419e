/**
 * The architecture editor of the Train page: the layers of a model spec as rows (add, remove,
 * reorder, edit arguments), the live Keras-style summary beside them (output shapes, parameters,
 * total), shape errors on the row that causes them, the one-line text form (editable), start from
 * any zoo model, export/import of the spec as JSON. When "train this architecture" is on, the
 * Train button trains the edited spec on the data of the zoo model chosen in the form.
 */
import { LAYER_TYPES, formatSpec, getZooEntry, listZoo, parseSpec, type LayerSpec, type LayerType, type ModelId, type ModelSpec } from '@nnlab/models';
import { errorMessage } from '../util/errors';
import { LAYER_LABELS, analyzeRows, moveRow, newLayer, type EditorAnalysis } from './arch-editor-model';
import { layerRow, type LayerRow } from './arch-editor-rows';
import { h } from './dom';
import './arch-editor.css';

/** Where the editor gets the data it designs for. */
export interface ArchEditorOptions {
  /** The zoo model chosen in the Train form (its data gives the input shape and classes). */
  dataModel(): ModelId;
}

const fmtInt = (n: number) => n.toLocaleString('en-US');

/** The editor panel. */
export class ArchEditor {
  readonly el: HTMLElement;
  private name: string | undefined;
  private input: number[] = [];
  private classes: number | undefined;
  private layers: LayerSpec[] = [];
  private rows: LayerRow[] = [];
  private analysis: EditorAnalysis = { rows: [] };
  private dirty = false;
  private readonly startFrom = h(
    'select',
    { 'data-testid': 'arch-start-from' },
    listZoo().map((e) => h('option', { value: e.id }, e.id)),
  );
  private readonly use = h('input', { type: 'checkbox', 'data-testid': 'arch-use' });
  private readonly dataLine = h('p', { class: 'muted arch-data', 'data-testid': 'arch-data' });
  private readonly text = h('input', {
    type: 'text',
    class: 'arch-text',
    'data-testid': 'arch-text',
    spellcheck: false,
    autocomplete: 'off',
    'aria-label': 'spec in text form',
  });
  private readonly message = h('p', { class: 'arch-message', 'data-testid': 'arch-message', role: 'status' });
  private readonly body = h('tbody');
  private readonly total = h('p', { class: 'arch-total', 'data-testid': 'arch-total-params' });
  private readonly addType = h(
    'select',
    { 'data-testid': 'arch-add-type' },
    LAYER_TYPES.map((t) => h('option', { value: t }, LAYER_LABELS[t])),
  );
  private readonly importFile = h('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'arch-import-file', hidden: true });

  constructor(private readonly options: ArchEditorOptions) {
    this.importFile.addEventListener('change', () => void this.importJson());
    this.use.addEventListener('change', () => this.setData(this.options.dataModel()));
    this.el = h(
      'details',
      { class: 'panel arch-editor', 'data-testid': 'arch-editor' },
      h('summary', {}, h('h2', {}, 'Architecture')),
      h(
        'div',
        { class: 'arch-toolbar' },
        h('label', {}, 'start from ', this.startFrom),
        h('button', { type: 'button', 'data-testid': 'arch-load', onclick: () => this.loadZoo(this.startFrom.value as ModelId) }, 'Load'),
        h('button', { type: 'button', 'data-testid': 'arch-export', onclick: () => this.exportJson() }, 'Export JSON'),
        h('button', { type: 'button', 'data-testid': 'arch-import', onclick: () => this.importFile.click() }, 'Import JSON'),
        this.importFile,
        h('label', { class: 'arch-use' }, this.use, ' train this architecture'),
      ),
      this.dataLine,
      h(
        'div',
        { class: 'arch-text-row' },
        this.text,
        h('button', { type: 'button', 'data-testid': 'arch-apply-text', onclick: () => this.applyText() }, 'Apply'),
      ),
      this.message,
      h(
        'div',
        { class: 'arch-table-wrap' },
        h(
          'table',
          { class: 'arch-table' },
          h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Layer'), h('th', {}, 'Output shape'), h('th', {}, 'Param #'), h('th', {}))),
          this.body,
        ),
      ),
      h(
        'div',
        { class: 'arch-add' },
        this.addType,
        h('button', { type: 'button', 'data-testid': 'arch-add', onclick: () => this.add(this.addType.value as LayerType) }, 'Add layer'),
      ),
      this.total,
    );
    this.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.applyText();
    });
    this.loadZoo(options.dataModel());
  }

  /** The Train form's model changed: follow it unless the layers were edited. */
  dataModelChanged(): void {
    const id = this.options.dataModel();
    if (!this.dirty) this.loadZoo(id);
    else {
      this.setData(id);
      this.refresh();
    }
  }

  /**
   * The spec to train, or undefined when "train this architecture" is off. Throws (with the
   * editor's message) when it is on and the architecture has an error.
   */
  specForTraining(): ModelSpec | undefined {
    if (!this.use.checked) return undefined;
    if (!this.analysis.spec) throw new Error(`the architecture has an error: ${this.firstError() ?? 'see the Architecture panel'}`);
    return this.analysis.spec;
  }

  /** Shows or locks the editor while a run trains. */
  setEnabled(enabled: boolean): void {
    for (const el of Array.from(this.el.querySelectorAll('input, select, button'))) (el as HTMLInputElement).disabled = !enabled;
    if (enabled) this.render();
  }

  private say(line: string, error = false): void {
    this.message.textContent = line;
    if (error) this.message.dataset.state = 'error';
    else delete this.message.dataset.state;
  }

  private firstError(): string | undefined {
    const i = this.analysis.rows.findIndex((r) => r.error);
    return i >= 0 ? `layer ${i + 1}: ${this.analysis.rows[i].error}` : this.analysis.error;
  }

  private setData(id: ModelId): void {
    const entry = getZooEntry(id);
    this.input = [...(entry.spec.input ?? [])];
    this.classes = entry.task === 'binary' ? 2 : 10;
    const note = this.use.checked ? " — Train trains this architecture: the form's hidden units, activation and image size do not apply" : '';
    this.dataLine.textContent = `data of ${entry.id}: input ${this.input.join('×')}, ${this.classes} classes${note}`;
  }

  private loadZoo(id: ModelId): void {
    const entry = getZooEntry(id);
    this.startFrom.value = id;
    this.setData(this.options.dataModel());
    this.name = entry.id;
    this.layers = entry.spec.layers.map((l) => ({ ...l }));
    this.dirty = false;
    this.say(`loaded ${entry.id}: ${entry.description}`);
    this.render();
  }

  private setSpec(spec: ModelSpec, from: string): void {
    if (spec.input && spec.input.join('x') !== this.input.join('x')) {
      throw new Error(`${from} reads input ${spec.input.join('×')}, but the data of ${this.options.dataModel()} gives ${this.input.join('×')}`);
    }
    this.name = spec.name;
    this.layers = spec.layers.map((l) => ({ ...l }));
    this.dirty = true;
    this.render();
  }

  private add(type: LayerType): void {
    this.layers = [...this.layers, newLayer(type)];
    this.touched();
    this.render();
  }

  /** An edit: the layers are no longer the zoo model's (nor its name). */
  private touched(): void {
    if (!this.dirty && listZoo().some((e) => e.id === this.name)) this.name = `${this.name}-custom`;
    this.dirty = true;
  }

  private applyText(): void {
    try {
      this.setSpec(parseSpec(this.text.value), 'the text');
      this.say('applied the text form');
    } catch (e) {
      this.say(errorMessage(e), true);
    }
  }

  private exportJson(): void {
    if (!this.analysis.spec) {
      this.say(`cannot export: ${this.firstError()}`, true);
      return;
    }
    const json = `${JSON.stringify(this.analysis.spec, null, 2)}\n`;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = h('a', { href: url, download: `${this.analysis.spec.name ?? 'model-spec'}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.say(`exported ${a.download}`);
  }

  private async importJson(): Promise<void> {
    const file = this.importFile.files?.[0];
    this.importFile.value = '';
    if (!file) return;
    try {
      this.setSpec(parseSpec(await file.text()), file.name);
      this.say(`imported ${file.name}`);
    } catch (e) {
      this.say(`${file.name}: ${errorMessage(e)}`, true);
    }
  }

  /** Rebuilds the rows (after a structural change) and the summary. */
  private render(): void {
    const handlers = {
      change: (i: number, layer: LayerSpec) => {
        this.layers[i] = layer;
        this.touched();
        this.refresh();
      },
      move: (i: number, to: number) => {
        this.layers = moveRow(this.layers, i, to);
        this.touched();
        this.render();
      },
      remove: (i: number) => {
        this.layers = this.layers.filter((_, k) => k !== i);
        this.touched();
        this.render();
      },
    };
    this.rows = this.layers.map((_, i) => layerRow(() => this.layers[i], i, this.layers.length, handlers));
    this.body.replaceChildren(...this.rows.map((r) => r.el));
    this.refresh();
    if (this.analysis.spec) this.text.value = formatSpec({ ...this.analysis.spec, training: undefined });
  }

  /** Re-analyses and refreshes the summary cells, the text form and the total (inputs untouched). */
  private refresh(): void {
    this.analysis = analyzeRows(this.name, this.input, this.layers, this.classes);
    this.analysis.rows.forEach((a, i) => this.rows[i]?.show(a));
    const a = this.analysis;
    if (a.spec) {
      this.text.value = formatSpec({ ...a.spec, training: undefined });
      this.total.textContent = `Total params: ${fmtInt(a.totalParams!)}`;
      this.total.dataset.params = String(a.totalParams);
      delete this.total.dataset.state;
    } else {
      this.total.textContent = `Total params: — (${this.firstError() ?? 'no layers'})`;
      delete this.total.dataset.params;
      this.total.dataset.state = 'error';
    }
    this.el.dataset.valid = String(!!a.spec);
  }
}
