/**
 * Reading a spec from JSON: checks the format tag, the version, every layer's type and arguments,
 * and returns the spec in its canonical form (every default filled in, so two specs that build
 * the same model compare equal). Shapes are checked later, by `analyzeSpec`.
 */
import { LOSS_NAMES, resolveOptimizerConfig, type OptimizerOptions } from '@nnlab/core';
import { SpecError } from '../errors';
import {
  ACTIVATIONS,
  DEFAULT_BATCHNORM,
  DEFAULT_CONV_PADDING,
  DEFAULT_POOL_PADDING,
  LAYER_TYPES,
  PADDINGS,
  SPEC_FORMAT,
  SPEC_VERSION,
  type Activation,
  type LayerSpec,
  type ModelSpec,
  type Padding,
  type TrainingSpec,
} from './types';

/** Largest units, filters or input side a spec may ask for (the parameter budget comes later). */
export const MAX_DIMENSION = 1 << 24;
/** Largest kernel or pooling window side. */
export const MAX_WINDOW = 1024;

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks `raw` is a positive integer ≤ max. */
export function positiveInteger(what: string, raw: unknown, max = MAX_DIMENSION): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) throw new Error(`${what} must be a positive integer, got ${JSON.stringify(raw)}`);
  if (raw > max) throw new Error(`${what} ${raw} is absurdly large (at most ${max.toLocaleString('en-US')})`);
  return raw;
}

function pair(what: string, raw: unknown, max: number): [number, number] {
  if (typeof raw === 'number') raw = [raw, raw];
  if (!Array.isArray(raw) || raw.length !== 2) throw new Error(`${what} must be [height, width], got ${JSON.stringify(raw)}`);
  return [positiveInteger(`${what} height`, raw[0], max), positiveInteger(`${what} width`, raw[1], max)];
}

function oneOf<T extends string>(what: string, raw: unknown, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !allowed.includes(raw as T)) throw new Error(`unknown ${what} ${JSON.stringify(raw)}: expected one of ${allowed.join(', ')}`);
  return raw as T;
}

function fraction(what: string, raw: unknown, fallback: number | undefined, lo: number, hi: number, hiOpen = false): number {
  if (raw === undefined && fallback !== undefined) return fallback;
  const ok = typeof raw === 'number' && Number.isFinite(raw) && raw >= lo && (hiOpen ? raw < hi : raw <= hi);
  if (!ok) throw new Error(`${what} must be a number in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${JSON.stringify(raw)}`);
  return raw as number;
}

function bool(what: string, raw: unknown, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'boolean') throw new Error(`${what} must be true or false, got ${JSON.stringify(raw)}`);
  return raw;
}

const ARGUMENTS: Record<LayerSpec['type'], readonly string[]> = {
  dense: ['units', 'activation', 'useBias'],
  conv2d: ['filters', 'kernel', 'strides', 'padding', 'activation', 'useBias'],
  maxpool2d: ['pool', 'strides', 'padding'],
  avgpool2d: ['pool', 'strides', 'padding'],
  flatten: [],
  globalavgpool2d: [],
  dropout: ['rate'],
  batchnorm: ['momentum', 'epsilon'],
  activation: ['activation'],
};

/** The canonical form of one layer; throws a plain Error naming the argument (the caller locates it). */
export function normalizeLayer(raw: unknown): LayerSpec {
  if (!isObject(raw)) throw new Error(`a layer must be an object with a "type", got ${JSON.stringify(raw)}`);
  const type = raw.type;
  if (typeof type !== 'string' || !(LAYER_TYPES as readonly string[]).includes(type)) {
    throw new Error(`unknown layer type ${JSON.stringify(type)}: expected one of ${LAYER_TYPES.join(', ')}`);
  }
  const t = type as LayerSpec['type'];
  for (const key of Object.keys(raw)) {
    if (key !== 'type' && !ARGUMENTS[t].includes(key)) {
      throw new Error(`unknown argument "${key}" of ${t}: it takes ${ARGUMENTS[t].length ? ARGUMENTS[t].join(', ') : 'no arguments'}`);
    }
  }
  const act = (fallback: Activation) => oneOf('activation', raw.activation, ACTIVATIONS, fallback);
  const pad = (fallback: Padding) => oneOf('padding', raw.padding, PADDINGS, fallback);
  switch (t) {
    case 'dense':
      if (raw.units === undefined) throw new Error('dense needs units');
      return { type: t, units: positiveInteger('units', raw.units), activation: act('linear'), useBias: bool('useBias', raw.useBias, true) };
    case 'conv2d': {
      if (raw.filters === undefined) throw new Error('conv2d needs filters');
      if (raw.kernel === undefined) throw new Error('conv2d needs a kernel size');
      const filters = positiveInteger('filters', raw.filters);
      const kernel = pair('kernel', raw.kernel, MAX_WINDOW);
      const strides = raw.strides === undefined ? ([1, 1] as [number, number]) : pair('strides', raw.strides, MAX_WINDOW);
      return { type: t, filters, kernel, strides, padding: pad(DEFAULT_CONV_PADDING), activation: act('linear'), useBias: bool('useBias', raw.useBias, true) };
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      if (raw.pool === undefined) throw new Error(`${t} needs a pool size`);
      const pool = pair('pool', raw.pool, MAX_WINDOW);
      const strides = raw.strides === undefined ? ([...pool] as [number, number]) : pair('strides', raw.strides, MAX_WINDOW);
      return { type: t, pool, strides, padding: pad(DEFAULT_POOL_PADDING) };
    }
    case 'flatten':
    case 'globalavgpool2d':
      return { type: t };
    case 'dropout':
      if (raw.rate === undefined) throw new Error('dropout needs a rate');
      return { type: t, rate: fraction('rate', raw.rate, undefined, 0, 1, true) };
    case 'batchnorm':
      return {
        type: t,
        momentum: fraction('momentum', raw.momentum, DEFAULT_BATCHNORM.momentum, 0, 1),
        epsilon: fraction('epsilon', raw.epsilon, DEFAULT_BATCHNORM.epsilon, 0, 1, true),
      };
    case 'activation':
      if (raw.activation === undefined) throw new Error('activation needs an activation name');
      return { type: t, activation: act('linear') };
  }
}

function normalizeTraining(raw: unknown): TrainingSpec {
  if (!isObject(raw)) throw new SpecError(`"training" must be an object, got ${JSON.stringify(raw)}`);
  const known = ['optimizer', 'loss', 'epochs', 'batchSize', 'validationSplit', 'classWeights'];
  for (const key of Object.keys(raw)) if (!known.includes(key)) throw new SpecError(`unknown training setting "${key}": expected ${known.join(', ')}`);
  const out: TrainingSpec = {};
  try {
    if (raw.optimizer !== undefined) {
      const o = typeof raw.optimizer === 'string' ? { name: raw.optimizer } : raw.optimizer;
      if (!isObject(o)) throw new Error(`training.optimizer must be a name or an object, got ${JSON.stringify(raw.optimizer)}`);
      // Keras' defaults filled in, settings of other optimizers refused.
      out.optimizer = resolveOptimizerConfig(o as unknown as OptimizerOptions);
    }
    if (raw.loss !== undefined) out.loss = oneOf('loss', raw.loss, LOSS_NAMES, LOSS_NAMES[0]);
    if (raw.epochs !== undefined) out.epochs = positiveInteger('training.epochs', raw.epochs, 100000);
    if (raw.batchSize !== undefined) out.batchSize = positiveInteger('training.batchSize', raw.batchSize, 1 << 20);
    if (raw.validationSplit !== undefined) out.validationSplit = fraction('training.validationSplit', raw.validationSplit, undefined, 0, 1, true);
    if (raw.classWeights !== undefined) {
      const w = raw.classWeights;
      const ok = typeof w === 'boolean' || (Array.isArray(w) && w.length > 0 && w.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0));
      if (!ok) throw new Error(`training.classWeights must be true, false or a list of non-negative weights, got ${JSON.stringify(w)}`);
      out.classWeights = w as boolean | number[];
    }
  } catch (e) {
    throw e instanceof SpecError ? e : new SpecError((e as Error).message);
  }
  return out;
}

/** Checks a parsed JSON value is a spec of this version and returns its canonical form. */
export function normalizeSpec(raw: unknown): ModelSpec {
  if (!isObject(raw)) throw new SpecError(`a model spec must be a JSON object, got ${Array.isArray(raw) ? 'an array' : JSON.stringify(raw)}`);
  if (raw.format !== SPEC_FORMAT) throw new SpecError(`not a model spec: "format" must be "${SPEC_FORMAT}", got ${JSON.stringify(raw.format)}`);
  if (raw.version !== SPEC_VERSION) {
    throw new SpecError(`unsupported spec version ${JSON.stringify(raw.version)}: this nnlab reads version ${SPEC_VERSION}`);
  }
  const known = ['format', 'version', 'name', 'input', 'layers', 'training'];
  for (const key of Object.keys(raw)) if (!known.includes(key)) throw new SpecError(`unknown spec field "${key}": expected ${known.join(', ')}`);
  const spec: ModelSpec = { format: SPEC_FORMAT, version: SPEC_VERSION, layers: [] };
  if (raw.name !== undefined) {
    if (typeof raw.name !== 'string') throw new SpecError(`"name" must be a string, got ${JSON.stringify(raw.name)}`);
    spec.name = raw.name;
  }
  if (raw.input !== undefined) spec.input = normalizeInput(raw.input);
  if (!Array.isArray(raw.layers)) throw new SpecError(`"layers" must be a list of layers, got ${JSON.stringify(raw.layers)}`);
  if (raw.layers.length === 0) throw new SpecError('the layer list is empty: a model needs at least one layer');
  spec.layers = raw.layers.map((layer, i) => {
    try {
      return normalizeLayer(layer);
    } catch (e) {
      throw new SpecError((e as Error).message, { layer: i, text: JSON.stringify(layer) });
    }
  });
  if (raw.training !== undefined) spec.training = normalizeTraining(raw.training);
  return spec;
}

/** Checks an input shape: 1 (vector) or 3 (h×w×c) positive integers. */
export function normalizeInput(raw: unknown): number[] {
  if (!Array.isArray(raw) || (raw.length !== 1 && raw.length !== 3)) {
    throw new SpecError(`the input shape must be [features] or [height, width, channels], got ${JSON.stringify(raw)}`);
  }
  try {
    return raw.map((d, i) => positiveInteger(`input dimension ${i + 1}`, d));
  } catch (e) {
    throw new SpecError((e as Error).message);
  }
}
