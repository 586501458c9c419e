/**
 * Writing a spec in its one-line text form (`formatSpec`) and reading either form (`parseSpec`).
 * `parseSpec(formatSpec(s))` equals the canonical form of `s` (defaults written out), name
 * included when it is a plain id (letters, digits, `_ . -`).
 */
import { KERAS_ADAM_DEFAULTS, KERAS_RMSPROP_DEFAULTS, KERAS_SGD_DEFAULTS } from '@nnlab/core';
import { SpecError } from '../errors';
import { normalizeLayer, normalizeSpec } from './normalize';
import { parseSpecText } from './text-parse';
import { formatSize } from './text-syntax';
import { DEFAULT_BATCHNORM, DEFAULT_CONV_PADDING, DEFAULT_POOL_PADDING, type LayerSpec, type ModelSpec, type TrainingSpec } from './types';

const sameSize = (a: readonly number[] | undefined, b: readonly number[]) => a !== undefined && a[0] === b[0] && a[1] === b[1];

/** One layer in the text form, e.g. `conv(16,3x3,relu)`; defaults are left out. */
export function formatLayer(layer: LayerSpec): string {
  const l = normalizeLayer(layer);
  const args: string[] = [];
  switch (l.type) {
    case 'dense':
      args.push(String(l.units));
      if (l.activation !== 'linear') args.push(l.activation!);
      if (l.useBias === false) args.push('bias=false');
      return `dense(${args.join(',')})`;
    case 'conv2d':
      args.push(String(l.filters), formatSize(l.kernel));
      if (l.activation !== 'linear') args.push(l.activation!);
      if (l.padding !== DEFAULT_CONV_PADDING) args.push(l.padding!);
      if (!sameSize(l.strides, [1, 1])) args.push(`stride=${formatSize(l.strides!, true)}`);
      if (l.useBias === false) args.push('bias=false');
      return `conv(${args.join(',')})`;
    case 'maxpool2d':
    case 'avgpool2d':
      args.push(formatSize(l.pool, true));
      if (!sameSize(l.strides, l.pool)) args.push(`stride=${formatSize(l.strides!, true)}`);
      if (l.padding !== DEFAULT_POOL_PADDING) args.push(l.padding!);
      return `${l.type === 'maxpool2d' ? 'pool' : 'avgpool'}(${args.join(',')})`;
    case 'flatten':
      return 'flatten';
    case 'globalavgpool2d':
      return 'gap';
    case 'dropout':
      return `dropout(${l.rate})`;
    case 'batchnorm':
      if (l.momentum !== DEFAULT_BATCHNORM.momentum) args.push(`momentum=${l.momentum}`);
      if (l.epsilon !== DEFAULT_BATCHNORM.epsilon) args.push(`epsilon=${l.epsilon}`);
      return args.length ? `bn(${args.join(',')})` : 'bn';
    case 'activation':
      return `act(${l.activation})`;
  }
}

const OPTIMIZER_DEFAULTS: Record<string, Record<string, number | boolean>> = {
  rmsprop: KERAS_RMSPROP_DEFAULTS,
  adam: KERAS_ADAM_DEFAULTS,
  sgd: KERAS_SGD_DEFAULTS,
};
const SHORT: Record<string, string> = { learningRate: 'lr' };

function formatTraining(t: TrainingSpec): string[] {
  const out: string[] = [];
  if (t.optimizer) {
    const defaults = OPTIMIZER_DEFAULTS[t.optimizer.name] ?? {};
    const args = Object.entries(t.optimizer)
      .filter(([k, v]) => k !== 'name' && v !== undefined && defaults[k] !== v)
      .map(([k, v]) => `${SHORT[k] ?? k}=${String(v)}`);
    out.push(args.length ? `${t.optimizer.name}(${args.join(',')})` : t.optimizer.name);
  }
  if (t.loss) out.push(`loss(${t.loss})`);
  if (t.epochs !== undefined) out.push(`epochs(${t.epochs})`);
  if (t.batchSize !== undefined) out.push(`batch(${t.batchSize})`);
  if (t.validationSplit !== undefined) out.push(`val(${t.validationSplit})`);
  if (t.classWeights !== undefined) {
    const w = t.classWeights;
    out.push(`classweights(${w === true ? 'balanced' : w === false ? 'none' : w.join(',')})`);
  }
  return out;
}

/** The one-line text form of a spec, e.g. `input(28x28x1) conv(16,3x3,relu) pool(2) flatten dense(10,softmax)`. */
export function formatSpec(spec: ModelSpec): string {
  const parts: string[] = [];
  if (spec.name !== undefined && /^[A-Za-z0-9_.-]+$/.test(spec.name)) parts.push(`name(${spec.name})`);
  if (spec.input) parts.push(`input(${spec.input.join('x')})`);
  parts.push(...spec.layers.map(formatLayer));
  const training = spec.training ? formatTraining(spec.training) : [];
  return training.length ? `${parts.join(' ')} ; ${training.join(' ')}` : parts.join(' ');
}

/**
 * Reads a spec from its text form or from JSON text (text starting with `{`), checks every layer
 * and argument, and returns the canonical spec. Shapes are checked by `analyzeSpec`/`buildModel`.
 */
export function parseSpec(text: string): ModelSpec {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch (e) {
      throw new SpecError(`invalid JSON: ${(e as Error).message}`);
    }
    return normalizeSpec(raw);
  }
  if (trimmed === '') throw new SpecError('the spec is empty: write layers such as conv(16,3x3,relu) pool(2) flatten dense(10,softmax)');
  return normalizeSpec(parseSpecText(trimmed));
}
