/**
 * Keras-style model summary: one row per layer (name, type, output shape, parameters) and totals,
 * as data (for JSON and the web) and as the familiar text table — from a built model, or from a
 * spec without building it (`analyzeSpec`'s arithmetic, equal to Keras').
 */
import type * as tf from '@tensorflow/tfjs';
import { analyzeSpec, type AnalyzeSpecOptions } from './spec/analyze';
import { SPEC_FORMAT, type ModelSpec } from './spec/types';

/** One layer of a summary. */
export interface SummaryRow {
  name: string;
  type: string;
  /** Output shape with `null` for the batch axis, e.g. `[null, 10]`. */
  outputShape: (number | null)[];
  params: number;
  /** How the parameter count is made up, e.g. `784×10 + 10`. */
  arithmetic: string;
}

/** A whole summary. */
export interface ModelSummary {
  name: string;
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** Size of the float32 parameters in KiB (as Keras prints "(31.09 KB)"). */
  sizeKB: number;
}

function countOf(shape: readonly (number | null)[]): number {
  return shape.reduce<number>((a, b) => a * (b ?? 1), 1);
}

function arithmeticFor(layer: tf.layers.Layer): string {
  const weights = layer.weights;
  if (weights.length === 0) return '0';
  return weights.map((w) => (w.shape.length === 1 ? String(w.shape[0]) : w.shape.join('×'))).join(' + ');
}

function summarizeSpec(spec: ModelSpec, options: AnalyzeSpecOptions): ModelSummary {
  const a = analyzeSpec(spec, options);
  const rows: SummaryRow[] = a.layers.map((l) => ({
    name: l.name,
    type: l.className,
    outputShape: [null, ...l.outputShape],
    params: l.params,
    arithmetic: l.arithmetic,
  }));
  return {
    name: 'sequential',
    rows,
    totalParams: a.totalParams,
    trainableParams: a.trainableParams,
    nonTrainableParams: a.nonTrainableParams,
    sizeKB: (a.totalParams * 4) / 1024,
  };
}

const isSpec = (x: unknown): x is ModelSpec => typeof x === 'object' && x !== null && (x as { format?: unknown }).format === SPEC_FORMAT;

/**
 * Summarises a built model, or a spec without building it (the spec's shapes are checked:
 * `SpecError` names the layer at fault; `options` give the dataset's input shape and classes).
 */
export function summarizeModel(source: tf.LayersModel | ModelSpec, options: AnalyzeSpecOptions = {}): ModelSummary {
  if (isSpec(source)) return summarizeSpec(source, options);
  const model = source;
  const rows: SummaryRow[] = model.layers.map((layer) => {
    const shape = layer.outputShape as (number | null)[];
    return {
      name: layer.name,
      type: layer.getClassName(),
      outputShape: Array.isArray(shape[0]) ? (shape[0] as unknown as (number | null)[]) : shape,
      params: layer.countParams(),
      arithmetic: arithmeticFor(layer),
    };
  });
  const trainableParams = model.trainableWeights.reduce((s, w) => s + countOf(w.shape), 0);
  const nonTrainableParams = model.nonTrainableWeights.reduce((s, w) => s + countOf(w.shape), 0);
  const totalParams = trainableParams + nonTrainableParams;
  return { name: model.name, rows, totalParams, trainableParams, nonTrainableParams, sizeKB: (totalParams * 4) / 1024 };
}

function formatShape(shape: (number | null)[]): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Renders a summary as Keras prints it. */
export function formatSummary(summary: ModelSummary): string {
  const header = ['Layer (type)', 'Output Shape', 'Param #'];
  const body = summary.rows.map((r) => [`${r.name} (${r.type})`, formatShape(r.outputShape), fmtInt(r.params)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)) + 4);
  const total = widths.reduce((a, b) => a + b, 0);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i] - 4).padEnd(widths[i]) : c.padEnd(widths[i])))
      .join('')
      .trimEnd();
  const out: string[] = [];
  out.push(`Model: "${summary.name}"`);
  out.push('_'.repeat(total));
  out.push(line(header));
  out.push('='.repeat(total));
  body.forEach((row, i) => {
    out.push(line(row));
    out.push(i === body.length - 1 ? '='.repeat(total) : '_'.repeat(total));
  });
  const kb = (n: number) => `${((n * 4) / 1024).toFixed(2)} KB`;
  out.push(`Total params: ${fmtInt(summary.totalParams)} (${kb(summary.totalParams)})`);
  out.push(`Trainable params: ${fmtInt(summary.trainableParams)} (${kb(summary.trainableParams)})`);
  out.push(`Non-trainable params: ${fmtInt(summary.nonTrainableParams)} (${kb(summary.nonTrainableParams)})`);
  out.push('_'.repeat(total));
  return out.join('\n');
}
