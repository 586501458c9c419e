/**
 * The architecture difference between runs, from their records: each run's spec (recorded since
 * specs exist; older records of zoo models are rebuilt from the zoo id and knobs) laid out layer by
 * layer, with the layers that differ marked — what `runs compare`, `sweep` and the report show.
 */
import type { RunRecord } from '@nnlab/experiments';
import { formatLayer, getZooEntry, type ModelSpec } from '@nnlab/models';
import { formatTable } from './table';

/** The spec a record trained (undefined when neither recorded nor a zoo model). */
export function specOfRecord(r: RunRecord): ModelSpec | undefined {
  if (r.config.spec) return r.config.spec;
  try {
    const { seed: _seed, ...knobs } = r.config.args ?? {};
    return getZooEntry(r.config.model).specFor(knobs);
  } catch {
    return undefined;
  }
}

/** One-line architecture of a record (`input(28x28x1) conv(…) …`), or `?`. */
export function archText(r: RunRecord): string {
  const spec = specOfRecord(r);
  if (!spec) return '?';
  return [spec.input ? `input(${spec.input.join('x')})` : undefined, ...spec.layers.map(formatLayer)].filter(Boolean).join(' ');
}

/** Layer-by-layer view of several runs' architectures. */
export interface ArchDiff {
  /** True when every run has the same architecture. */
  same: boolean;
  /** Row per position: the input, then layer 1, 2, … (`null` where a run has no such layer). */
  rows: { position: string; layers: (string | null)[]; differs: boolean }[];
}

/** Compares the architectures of `records`, position by position. */
export function archDiff(records: RunRecord[]): ArchDiff {
  const specs = records.map(specOfRecord);
  const input = specs.map((s) => (s?.input ? `input(${s.input.join('x')})` : s ? '(from data)' : '?'));
  const depth = Math.max(0, ...specs.map((s) => s?.layers.length ?? 0));
  const rows = [{ position: 'input', layers: input as (string | null)[] }];
  for (let i = 0; i < depth; i++)
    rows.push({ position: String(i + 1), layers: specs.map((s) => (s && i < s.layers.length ? formatLayer(s.layers[i]) : null)) });
  const out = rows.map((r) => ({ ...r, differs: new Set(r.layers).size > 1 }));
  return { same: out.every((r) => !r.differs), rows: out };
}

/** Text of `archDiff`: one line when all runs share the architecture, else a table with `≠` on differing layers. */
export function formatArchDiff(records: RunRecord[]): string {
  if (records.length === 0) return '';
  const d = archDiff(records);
  if (d.same) return `architecture (every run): ${archText(records[0])}`;
  const head = ['layer', '', ...records.map((r, i) => `#${i + 1} ${r.id.slice(-9)}`)];
  return `architectures (≠ = differs):\n${formatTable(
    head,
    d.rows.map((r) => [r.position, r.differs ? '≠' : '', ...r.layers.map((l) => l ?? '—')]),
  )}`;
}
