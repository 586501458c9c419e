/**
 * The text alternative of a chart: a collapsed `<details>` holding the chart's numbers as a table
 * (a header row, then one row per item whose first cell heads the row). Screen readers and
 * keyboard users get the same numbers the picture shows.
 */
import { h } from './dom';

/** A table row whose first cell is its header (`<th scope="row">`). */
export function altRow([first, ...rest]: readonly (string | number)[]): HTMLElement {
  return h('tr', {}, h('th', { scope: 'row' }, String(first)), ...rest.map((v) => h('td', {}, String(v))));
}

/** The collapsed table; `body` is the `<tbody>` (a live one may be refilled later with `altRow`s). */
export function altTable(testId: string, summary: string, head: readonly string[], body: HTMLElement): HTMLElement {
  return h(
    'details',
    { class: 'chart-alt', 'data-testid': testId },
    h('summary', {}, summary),
    h('div', { class: 'table-scroll' }, h('table', {}, h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))), body)),
  );
}
