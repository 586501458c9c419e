/**
 * The architecture editor's state without DOM: layers as editable rows (raw values as typed),
 * each row's output shape, parameters and error from `analyzeSpec`, and the spec they make.
 * A problem is attached to the row that causes it; the rows after it have no shape.
 */
import {
  ACTIVATIONS,
  PADDINGS,
  SPEC_FORMAT,
  SPEC_VERSION,
  SpecError,
  analyzeSpec,
  formatLayer,
  normalizeSpec,
  type LayerSpec,
  type LayerType,
  type ModelSpec,
} from '@nnlab/models';

/** How one argument is edited. */
export type FieldKind = 'int' | 'number' | 'size' | 'activation' | 'padding' | 'bool';

/** One editable argument of a layer type. */
export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
}

/** The arguments the editor shows per layer type (the spec's, in the docs' order). */
export const LAYER_FIELDS: Record<LayerType, readonly FieldSpec[]> = {
  dense: [
    { key: 'units', label: 'units', kind: 'int' },
    { key: 'activation', label: 'activation', kind: 'activation' },
    { key: 'useBias', label: 'bias', kind: 'bool' },
  ],
  conv2d: [
    { key: 'filters', label: 'filters', kind: 'int' },
    { key: 'kernel', label: 'kernel', kind: 'size' },
    { key: 'strides', label: 'stride', kind: 'size' },
    { key: 'padding', label: 'padding', kind: 'padding' },
    { key: 'activation', label: 'activation', kind: 'activation' },
    { key: 'useBias', label: 'bias', kind: 'bool' },
  ],
  maxpool2d: [
    { key: 'pool', label: 'pool', kind: 'size' },
    { key: 'strides', label: 'stride', kind: 'size' },
    { key: 'padding', label: 'padding', kind: 'padding' },
  ],
  avgpool2d: [
    { key: 'pool', label: 'pool', kind: 'size' },
    { key: 'strides', label: 'stride', kind: 'size' },
    { key: 'padding', label: 'padding', kind: 'padding' },
  ],
  flatten: [],
  globalavgpool2d: [],
  dropout: [{ key: 'rate', label: 'rate', kind: 'number' }],
  batchnorm: [
    { key: 'momentum', label: 'momentum', kind: 'number' },
    { key: 'epsilon', label: 'epsilon', kind: 'number' },
  ],
  activation: [{ key: 'activation', label: 'activation', kind: 'activation' }],
};

/** Labels of the layer types in the "add layer" list. */
export const LAYER_LABELS: Record<LayerType, string> = {
  dense: 'Dense',
  conv2d: 'Conv2D',
  maxpool2d: 'MaxPool2D',
  avgpool2d: 'AvgPool2D',
  flatten: 'Flatten',
  globalavgpool2d: 'GlobalAvgPool2D',
  dropout: 'Dropout',
  batchnorm: 'BatchNorm',
  activation: 'Activation',
};

/** Choices of the select fields. */
export const FIELD_CHOICES: Partial<Record<FieldKind, readonly string[]>> = { activation: ACTIVATIONS, padding: PADDINGS };

/** A new layer of `type` with sensible arguments. */
export function newLayer(type: LayerType): LayerSpec {
  switch (type) {
    case 'dense':
      return { type, units: 32, activation: 'relu', useBias: true };
    case 'conv2d':
      return { type, filters: 16, kernel: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu', useBias: true };
    case 'maxpool2d':
    case 'avgpool2d':
      return { type, pool: [2, 2], strides: [2, 2], padding: 'valid' };
    case 'dropout':
      return { type, rate: 0.2 };
    case 'batchnorm':
      return { type, momentum: 0.99, epsilon: 1e-3 };
    case 'activation':
      return { type, activation: 'relu' };
    default:
      return { type } as LayerSpec;
  }
}

/** A field's value as the input shows it (`3x3` for sizes). */
export function fieldText(layer: LayerSpec, f: FieldSpec): string {
  const v = (layer as unknown as Record<string, unknown>)[f.key];
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.join('x');
  return String(v);
}

/** The layer with one field set from its input's text (invalid text is kept, for the row's error). */
export function withField(layer: LayerSpec, f: FieldSpec, text: string): LayerSpec {
  let value: unknown = text.trim();
  if (f.kind === 'int' || f.kind === 'number') value = text.trim() === '' ? undefined : Number(text);
  else if (f.kind === 'size') {
    const parts = text.split(/[x×,]/i).map((p) => Number(p.trim()));
    value = parts.length === 1 ? [parts[0], parts[0]] : parts;
  } else if (f.kind === 'bool') value = text === 'true';
  const out = { ...layer } as unknown as Record<string, unknown>;
  out[f.key] = value;
  // Pooling strides follow the window unless set apart from it.
  if ((layer.type === 'maxpool2d' || layer.type === 'avgpool2d') && f.key === 'pool' && fieldText(layer, LAYER_FIELDS.maxpool2d[1]) === fieldText(layer, f)) {
    out.strides = value;
  }
  return out as unknown as LayerSpec;
}

/** One row's analysis. */
export interface RowAnalysis {
  /** Text form, e.g. `conv(16,3x3,relu)` (undefined while the row's arguments are invalid). */
  text?: string;
  name?: string;
  className?: string;
  outputShape?: number[];
  params?: number;
  arithmetic?: string;
  /** The problem this row causes. */
  error?: string;
}

/** The whole editor's analysis. */
export interface EditorAnalysis {
  rows: RowAnalysis[];
  /** The spec, when every row is valid and the shapes work. */
  spec?: ModelSpec;
  totalParams?: number;
  /** A problem of the whole spec (no layers, output size…) not tied to a row. */
  error?: string;
}

/** Analyses the rows for `input` (and the dataset's `classes`). */
export function analyzeRows(name: string | undefined, input: number[], layers: LayerSpec[], classes: number | undefined): EditorAnalysis {
  const draft = { format: SPEC_FORMAT, version: SPEC_VERSION, ...(name ? { name } : {}), input, layers };
  let spec: ModelSpec;
  try {
    spec = normalizeSpec(draft);
  } catch (e) {
    // An argument error: the row that has it, then the rows before it analysed alone.
    const rowError = e instanceof SpecError && e.layer !== undefined ? e.layer : undefined;
    if (rowError === undefined) return { rows: layers.map(() => ({})), error: (e as Error).message };
    const before = rowError > 0 ? analyzeRows(name, input, layers.slice(0, rowError), undefined).rows : [];
    const rows: RowAnalysis[] = layers.map((_, i) => (i < rowError ? before[i] : {}));
    rows[rowError] = { error: (e as SpecError).problem };
    return { rows };
  }
  try {
    const a = analyzeSpec(spec, { classes });
    return {
      rows: a.layers.map((l) => ({
        text: l.text,
        name: l.name,
        className: l.className,
        outputShape: l.outputShape,
        params: l.params,
        arithmetic: l.arithmetic,
      })),
      spec,
      totalParams: a.totalParams,
    };
  } catch (e) {
    if (!(e instanceof SpecError) || e.layer === undefined) return { rows: spec.layers.map((l) => ({ text: formatLayer(l) })), error: (e as Error).message };
    const k = e.layer;
    // A shape problem: rows before it keep their shapes (analysed without the class check).
    const before = k > 0 ? analyzeRows(name, input, layers.slice(0, k), undefined).rows : [];
    const rows: RowAnalysis[] = spec.layers.map((l, i) => (i < k ? before[i] : { text: formatLayer(l) }));
    rows[k] = { ...rows[k], error: e.problem };
    return { rows };
  }
}

/** Moves row `from` to `to` (a copy). */
export function moveRow<T>(rows: readonly T[], from: number, to: number): T[] {
  const out = [...rows];
  if (to < 0 || to >= out.length) return out;
  const [r] = out.splice(from, 1);
  out.splice(to, 0, r);
  return out;
}
