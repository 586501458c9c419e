/**
 * One row of the architecture editor: the layer type, an input per argument, and beside them
 * the Keras-style summary of that layer (name, output shape, parameters) or the problem it causes;
 * buttons move it up or down or remove it.
 */
import type { LayerSpec } from '@nnlab/models';
import { h } from './dom';
import { FIELD_CHOICES, LAYER_FIELDS, LAYER_LABELS, fieldText, withField, type RowAnalysis } from './arch-editor-model';

/** What a row reports back. */
export interface RowHandlers {
  change(index: number, layer: LayerSpec): void;
  move(index: number, to: number): void;
  remove(index: number): void;
}

const fmtInt = (n: number) => n.toLocaleString('en-US');

/** A row: its element, and `show` to refresh the summary cells without touching the inputs (focus stays). */
export interface LayerRow {
  el: HTMLTableRowElement;
  show(analysis: RowAnalysis): void;
}

/** The `<tr>` of layer `index`; `current()` gives the row's layer as edited so far. */
export function layerRow(current: () => LayerSpec, index: number, count: number, handlers: RowHandlers): LayerRow {
  const layer = current();
  const args = LAYER_FIELDS[layer.type].map((f) => {
    const value = fieldText(layer, f);
    const onchange = (e: Event) => {
      const el = e.target as HTMLInputElement | HTMLSelectElement;
      const text = el instanceof HTMLInputElement && el.type === 'checkbox' ? String(el.checked) : el.value;
      handlers.change(index, withField(current(), f, text));
    };
    let control: HTMLElement;
    const field = f.key;
    const choices = FIELD_CHOICES[f.kind];
    if (choices) {
      control = h(
        'select',
        { 'data-field': field, onchange },
        choices.map((c) => h('option', { value: c, selected: c === value }, c)),
      );
    } else if (f.kind === 'bool') {
      control = h('input', { type: 'checkbox', 'data-field': field, checked: value !== 'false', onchange });
    } else {
      const size = f.kind === 'size' ? 4 : f.kind === 'int' ? 5 : 6;
      control = h('input', {
        type: 'text',
        inputmode: f.kind === 'size' ? 'text' : 'decimal',
        size,
        value,
        'data-field': field,
        autocomplete: 'off',
        oninput: onchange,
      });
    }
    return h('label', { class: 'arch-arg' }, h('span', { class: 'arch-arg-label' }, f.label), control);
  });
  const name = h('span', { class: 'muted' });
  const error = h('div', { class: 'arch-row-error', 'data-testid': 'arch-row-error', role: 'alert', hidden: true });
  const shape = h('td', { class: 'arch-shape', 'data-testid': 'arch-row-shape' });
  const params = h('td', { class: 'arch-params', 'data-testid': 'arch-row-params' });
  const button = (label: string, title: string, testid: string, onclick: () => void, disabled = false) =>
    h('button', { type: 'button', class: 'arch-icon', title, 'aria-label': title, 'data-testid': testid, disabled, onclick }, label);
  const row = h(
    'tr',
    { class: 'arch-row', 'data-testid': 'arch-row', 'data-index': String(index), 'data-type': layer.type },
    h('td', { class: 'arch-index' }, String(index + 1)),
    h(
      'td',
      { class: 'arch-layer' },
      h('div', { class: 'arch-layer-head' }, h('strong', {}, LAYER_LABELS[layer.type]), name),
      h('div', { class: 'arch-args' }, args),
      error,
    ),
    shape,
    params,
    h(
      'td',
      { class: 'arch-actions' },
      button('↑', 'move up', 'arch-up', () => handlers.move(index, index - 1), index === 0),
      button('↓', 'move down', 'arch-down', () => handlers.move(index, index + 1), index === count - 1),
      button('✕', 'remove', 'arch-remove', () => handlers.remove(index)),
    ),
  );
  const show = (a: RowAnalysis) => {
    row.classList.toggle('invalid', !!a.error);
    name.textContent = a.name ? ` ${a.name}` : '';
    error.hidden = !a.error;
    error.textContent = a.error ?? '';
    shape.textContent = a.outputShape ? `(None, ${a.outputShape.join(', ')})` : '—';
    params.textContent = a.params !== undefined ? fmtInt(a.params) : '—';
    params.title = a.arithmetic ?? '';
  };
  return { el: row, show };
}
