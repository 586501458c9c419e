/** Labelled form controls with a hint line. */
import { h } from './dom';

/** A labelled control; `hint` is a short help text under it. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control, hint ? h('span', { class: 'field-hint' }, hint) : null);
}

/** A `<select>` with `[value, label]` options. */
export function select(name: string, options: readonly (readonly [string, string])[], testId?: string): HTMLSelectElement {
  return h(
    'select',
    { name, 'data-testid': testId },
    options.map(([value, label]) => h('option', { value }, label)),
  );
}

/** A text or number input. */
export function input(name: string, type: 'text' | 'number', props: Record<string, unknown> = {}): HTMLInputElement {
  return h('input', { name, type, ...props });
}
