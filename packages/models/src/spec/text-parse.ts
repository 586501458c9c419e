/**
 * Reading the one-line text form (grammar in docs/model-spec.md):
 *   [name(id)] [input(28x28x1)] layer… [; training…]
 *   conv(16,3x3,relu) pool(2) conv(32,3x3,relu) pool(2) flatten dense(64,relu) dropout(0.2) dense(10,softmax)
 * Positional arguments are recognised by their form (an integer, a size `3x3`, an activation
 * name, a padding); the rest are named (`stride=2`, `bias=false`, `momentum=0.9`).
 */
import { LOSS_NAMES, OPTIMIZER_NAMES, resolveOptimizerConfig, type OptimizerOptions } from '@nnlab/core';
import { SpecError } from '../errors';
import { normalizeInput, normalizeLayer } from './normalize';
import { dimsOf, isInteger, isSize, numberOf, sizeOf, splitCalls, type Call } from './text-syntax';
import { ACTIVATIONS, PADDINGS, SPEC_FORMAT, SPEC_VERSION, type LayerSpec, type ModelSpec, type TrainingSpec } from './types';

/** Text-form layer names → spec types (aliases included). */
const LAYER_NAMES: Record<string, LayerSpec['type']> = {
  dense: 'dense',
  conv: 'conv2d',
  conv2d: 'conv2d',
  pool: 'maxpool2d',
  maxpool: 'maxpool2d',
  maxpool2d: 'maxpool2d',
  avgpool: 'avgpool2d',
  avgpool2d: 'avgpool2d',
  flatten: 'flatten',
  gap: 'globalavgpool2d',
  globalavgpool: 'globalavgpool2d',
  globalavgpool2d: 'globalavgpool2d',
  dropout: 'dropout',
  bn: 'batchnorm',
  batchnorm: 'batchnorm',
  act: 'activation',
  activation: 'activation',
};

/** How each layer is written, for error messages. */
const USAGE: Record<LayerSpec['type'], string> = {
  dense: 'dense(units[,activation][,bias=false]), e.g. dense(64,relu)',
  conv2d: 'conv(filters,kernel[,activation][,same|valid][,stride=s][,bias=false]), e.g. conv(16,3x3,relu)',
  maxpool2d: 'pool(size[,stride=s][,same|valid]), e.g. pool(2)',
  avgpool2d: 'avgpool(size[,stride=s][,same|valid]), e.g. avgpool(2)',
  flatten: 'flatten',
  globalavgpool2d: 'gap',
  dropout: 'dropout(rate), e.g. dropout(0.2)',
  batchnorm: 'bn or bn(momentum=0.99,epsilon=0.001)',
  activation: 'act(name), e.g. act(tanh)',
};

const isActivation = (s: string) => (ACTIVATIONS as readonly string[]).includes(s.toLowerCase());
const isPadding = (s: string) => (PADDINGS as readonly string[]).includes(s.toLowerCase());

function boolOf(key: string, s: string): boolean {
  if (/^(true|yes|1)$/i.test(s)) return true;
  if (/^(false|no|0)$/i.test(s)) return false;
  throw new Error(`${key}=${s}: expected true or false`);
}

function valueOf(s: string): number | string {
  if (isSize(s)) return NaN;
  const n = numberOf(s);
  return Number.isNaN(n) ? s : n;
}

/** One layer call → the raw JSON object `normalizeLayer` checks. */
function rawLayer(call: Call, type: LayerSpec['type']): Record<string, unknown> {
  const raw: Record<string, unknown> = { type };
  const set = (key: string, value: unknown) => {
    if (raw[key] !== undefined) throw new Error(`${key} is given twice`);
    raw[key] = value;
  };
  const unknownArg = (a: string) => new Error(`unknown argument '${a}' of ${call.name}: write ${USAGE[type]}`);
  for (const a of call.positional) {
    const lower = a.toLowerCase();
    if (type === 'dense' && isInteger(a) && raw.units === undefined) set('units', numberOf(a));
    else if (type === 'conv2d' && isInteger(a) && raw.filters === undefined) set('filters', numberOf(a));
    else if (type === 'conv2d' && (isInteger(a) || isSize(a))) set('kernel', sizeOf(a));
    else if ((type === 'maxpool2d' || type === 'avgpool2d') && (isInteger(a) || isSize(a))) set('pool', sizeOf(a));
    else if ((type === 'dense' || type === 'conv2d' || type === 'activation') && isActivation(a)) set('activation', lower);
    else if ((type === 'conv2d' || type === 'maxpool2d' || type === 'avgpool2d') && isPadding(a)) set('padding', lower);
    else if (type === 'dropout' && !Number.isNaN(numberOf(a))) set('rate', numberOf(a));
    else if ((type === 'dense' || type === 'conv2d') && (isInteger(a) || isSize(a))) throw new Error(`too many sizes in ${call.text}: write ${USAGE[type]}`);
    else if (type === 'activation' || type === 'dense' || type === 'conv2d') {
      throw new Error(
        `unknown ${isInteger(a) ? 'argument' : 'activation or argument'} '${a}': activations are ${ACTIVATIONS.join(', ')}; write ${USAGE[type]}`,
      );
    } else throw unknownArg(a);
  }
  for (const [key, v] of call.named) {
    if (key === 'activation' || key === 'act') {
      if (!isActivation(v)) throw new Error(`unknown activation '${v}': expected one of ${ACTIVATIONS.join(', ')}`);
      set('activation', v.toLowerCase());
    } else if ((key === 'stride' || key === 'strides') && type !== 'dense') set('strides', sizeOf(v));
    else if (key === 'padding') set('padding', v.toLowerCase());
    else if (key === 'bias' && (type === 'dense' || type === 'conv2d')) set('useBias', boolOf(key, v));
    else if ((key === 'kernel' && type === 'conv2d') || ((key === 'size' || key === 'pool') && type.endsWith('pool2d')))
      set(key === 'kernel' ? 'kernel' : 'pool', sizeOf(v));
    else if ((key === 'units' && type === 'dense') || (key === 'filters' && type === 'conv2d') || (key === 'rate' && type === 'dropout')) set(key, valueOf(v));
    else if (type === 'batchnorm' && (key === 'momentum' || key === 'epsilon' || key === 'eps')) set(key === 'eps' ? 'epsilon' : key, valueOf(v));
    else throw unknownArg(`${key}=`);
  }
  const missing = (what: string) => new Error(`${call.name} needs ${what}: write ${USAGE[type]}`);
  if (type === 'dense' && raw.units === undefined) throw missing('a number of units');
  if (type === 'conv2d' && raw.filters === undefined) throw missing('a number of filters');
  if (type === 'conv2d' && raw.kernel === undefined) throw missing('a kernel size');
  if (type.endsWith('pool2d') && type !== 'globalavgpool2d' && raw.pool === undefined) throw missing('a pool size');
  if (type === 'dropout' && raw.rate === undefined) throw missing('a rate');
  if (type === 'activation' && raw.activation === undefined) throw missing('an activation name');
  return raw;
}

/** Reads the training part (after `;`). */
function parseTraining(calls: Call[]): TrainingSpec {
  const out: TrainingSpec = {};
  const one = (c: Call, what: string) => {
    if (c.positional.length !== 1 || c.named.size) throw new SpecError(`${c.text}: write ${c.name}(${what})`);
    return c.positional[0];
  };
  for (const c of calls) {
    try {
      if ((OPTIMIZER_NAMES as readonly string[]).includes(c.name)) {
        if (out.optimizer) throw new Error('a second optimizer');
        const o: Record<string, unknown> = { name: c.name };
        const keys: Record<string, string> = {
          lr: 'learningRate',
          learningrate: 'learningRate',
          rho: 'rho',
          momentum: 'momentum',
          epsilon: 'epsilon',
          eps: 'epsilon',
          beta1: 'beta1',
          beta2: 'beta2',
          centered: 'centered',
          nesterov: 'nesterov',
        };
        c.positional.forEach((p, i) => {
          if (i === 0 && !Number.isNaN(numberOf(p))) o.learningRate = numberOf(p);
          else if (p === 'centered' || p === 'nesterov') o[p] = true;
          else throw new Error(`unknown argument '${p}' (settings are named, e.g. ${c.name}(lr=0.001))`);
        });
        for (const [k, v] of c.named) {
          const key = keys[k];
          if (!key) throw new Error(`unknown setting '${k}' of ${c.name}`);
          o[key] = key === 'centered' || key === 'nesterov' ? boolOf(k, v) : numberOf(v);
        }
        out.optimizer = resolveOptimizerConfig(o as unknown as OptimizerOptions);
      } else if (c.name === 'loss') {
        const v = one(c, LOSS_NAMES.join('|'));
        const loss = LOSS_NAMES.find((l) => l.toLowerCase() === v.toLowerCase());
        if (!loss) throw new Error(`unknown loss '${v}': expected ${LOSS_NAMES.join(', ')}`);
        out.loss = loss;
      } else if (c.name === 'epochs') out.epochs = numberOf(one(c, 'n'));
      else if (c.name === 'batch') out.batchSize = numberOf(one(c, 'n'));
      else if (c.name === 'val') out.validationSplit = numberOf(one(c, 'fraction'));
      else if (c.name === 'classweights') {
        const [first] = c.positional;
        if (c.positional.length === 1 && (first === 'balanced' || first === 'none')) out.classWeights = first === 'balanced';
        else out.classWeights = c.positional.map(numberOf);
      } else {
        throw new Error(
          `unknown training setting '${c.name}': expected rmsprop(…)/adam(…)/sgd(…), loss(…), epochs(n), batch(n), val(f), classweights(balanced|none|w1,w2,…)`,
        );
      }
    } catch (e) {
      throw e instanceof SpecError ? e : new SpecError(`training ${c.text}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** Reads the one-line text form; the result is canonical (defaults filled in), not yet shape-checked. */
export function parseSpecText(text: string): ModelSpec {
  const { layers: calls, training } = splitCalls(text);
  const spec: ModelSpec = { format: SPEC_FORMAT, version: SPEC_VERSION, layers: [] };
  let k = 0;
  if (calls[k]?.name === 'name') {
    if (calls[k].positional.length !== 1) throw new SpecError(`${calls[k].text}: write name(id)`);
    spec.name = calls[k++].positional[0];
  }
  if (calls[k]?.name === 'input') {
    const c = calls[k++];
    if (c.positional.length !== 1 || c.named.size) throw new SpecError(`${c.text}: write input(784) or input(28x28x1)`);
    spec.input = normalizeInput(dimsOf(c.positional[0]));
  }
  const layerCalls = calls.slice(k);
  if (layerCalls.length === 0) throw new SpecError('the layer list is empty: write layers such as conv(16,3x3,relu) pool(2) flatten dense(10,softmax)');
  spec.layers = layerCalls.map((call, i) => {
    const type = LAYER_NAMES[call.name];
    if (call.name === 'input' || call.name === 'name') throw new SpecError(`${call.name}(…) must come first`, { layer: i, text: call.text });
    if (!type) {
      throw new SpecError(`unknown layer '${call.name}': expected one of ${[...new Set(Object.keys(LAYER_NAMES))].join(', ')}`, { layer: i, text: call.text });
    }
    try {
      return normalizeLayer(rawLayer(call, type));
    } catch (e) {
      throw new SpecError((e as Error).message, { layer: i, text: call.text });
    }
  });
  // The JSON reader (normalizeSpec, which parseSpec runs next) checks the training ranges.
  if (training.length) spec.training = parseTraining(training);
  return spec;
}
