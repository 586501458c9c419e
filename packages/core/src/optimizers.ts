/**
 * Optimizers with Keras defaults, resolved from a name or an options object. RMSprop and Adam
 * follow Keras' update rules exactly (`keras-rmsprop.ts`, `keras-adam.ts`); SGD is tfjs's
 * momentum optimizer, whose rule equals Keras' (u ← μ·u + g; θ ← θ − η·u is Keras'
 * m ← μ·m − η·g; θ ← θ + m with m = −η·u; Nesterov likewise).
 * A setting that does not belong to the chosen optimizer is refused, never ignored.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidOptionError } from './errors';
import { KerasAdam } from './keras-adam';
import { KerasRMSprop } from './keras-rmsprop';

/** Keras defaults for RMSprop (`keras.optimizers.RMSprop`). */
export const KERAS_RMSPROP_DEFAULTS = { learningRate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false } as const;
/** Keras defaults for Adam (`keras.optimizers.Adam`). */
export const KERAS_ADAM_DEFAULTS = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;
/** Keras defaults for SGD (`keras.optimizers.SGD`). */
export const KERAS_SGD_DEFAULTS = { learningRate: 1e-2, momentum: 0, nesterov: false } as const;

/** Names accepted by `createOptimizer`. */
export type OptimizerName = 'rmsprop' | 'adam' | 'sgd';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['rmsprop', 'adam', 'sgd'];

/** An optimizer described by name and (optional) hyperparameters; unset fields take Keras defaults. */
export interface OptimizerOptions {
  name: OptimizerName;
  learningRate?: number;
  /** RMSprop: discounting factor of the running mean square. */
  rho?: number;
  /** RMSprop / SGD momentum. */
  momentum?: number;
  /** Adam: first- and second-moment decay. */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** RMSprop: normalise by the estimated variance (v − ḡ²) instead of v. */
  centered?: boolean;
  /** SGD: Nesterov momentum. */
  nesterov?: boolean;
}

/** The settings each optimizer takes (others are refused). */
export const OPTIMIZER_SETTINGS: Record<OptimizerName, readonly (keyof OptimizerOptions)[]> = {
  rmsprop: ['learningRate', 'rho', 'momentum', 'epsilon', 'centered'],
  adam: ['learningRate', 'beta1', 'beta2', 'epsilon'],
  sgd: ['learningRate', 'momentum', 'nesterov'],
};

/** Fully resolved hyperparameters, as stored in run records. */
export type ResolvedOptimizerConfig = Required<Pick<OptimizerOptions, 'name' | 'learningRate'>> & Omit<OptimizerOptions, 'name' | 'learningRate'>;

/** Fills Keras defaults into an optimizer description. */
export function resolveOptimizerConfig(spec: OptimizerName | OptimizerOptions): ResolvedOptimizerConfig {
  const opts: OptimizerOptions = typeof spec === 'string' ? { name: spec } : spec;
  const name = String(opts.name).toLowerCase() as OptimizerName;
  const check = (field: string, v: number | undefined, min: number, max: number) => {
    if (v !== undefined && !(Number.isFinite(v) && v >= min && v <= max)) {
      throw new InvalidOptionError(`optimizer ${name}: ${field} must be in [${min}, ${max}], got ${v}`);
    }
  };
  if ((OPTIMIZER_NAMES as readonly string[]).includes(name)) {
    for (const [key, value] of Object.entries(opts)) {
      if (key === 'name' || value === undefined) continue;
      if (!(OPTIMIZER_SETTINGS[name] as readonly string[]).includes(key)) {
        throw new InvalidOptionError(`optimizer ${name}: ${key} is not one of its settings (it takes ${OPTIMIZER_SETTINGS[name].join(', ')})`);
      }
    }
  }
  const flag = (field: string, v: unknown) => {
    if (v !== undefined && typeof v !== 'boolean') throw new InvalidOptionError(`optimizer ${name}: ${field} must be true or false, got ${String(v)}`);
  };
  check('learningRate', opts.learningRate, 0, 10);
  check('epsilon', opts.epsilon, 0, 1);
  flag('centered', opts.centered);
  flag('nesterov', opts.nesterov);
  switch (name) {
    case 'rmsprop': {
      const c = { ...KERAS_RMSPROP_DEFAULTS, ...strip(opts), name };
      check('rho', c.rho, 0, 1);
      check('momentum', c.momentum, 0, 1);
      return c;
    }
    case 'adam': {
      const c = { ...KERAS_ADAM_DEFAULTS, ...strip(opts), name };
      check('beta1', c.beta1, 0, 1);
      check('beta2', c.beta2, 0, 1);
      return c;
    }
    case 'sgd': {
      const c = { ...KERAS_SGD_DEFAULTS, ...strip(opts), name };
      check('momentum', c.momentum, 0, 1);
      return c;
    }
    default:
      throw new InvalidOptionError(`unknown optimizer '${String(opts.name)}': expected one of ${OPTIMIZER_NAMES.join(', ')}`);
  }
}

function strip(o: OptimizerOptions): Partial<OptimizerOptions> {
  const out: Partial<OptimizerOptions> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && k !== 'name') (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Creates a tfjs optimizer from a name or options, with Keras defaults. */
export function createOptimizer(spec: OptimizerName | OptimizerOptions): tf.Optimizer {
  const c = resolveOptimizerConfig(spec);
  switch (c.name) {
    case 'rmsprop':
      return new KerasRMSprop(
        c.learningRate,
        c.rho ?? KERAS_RMSPROP_DEFAULTS.rho,
        c.momentum ?? 0,
        c.epsilon ?? KERAS_RMSPROP_DEFAULTS.epsilon,
        c.centered ?? false,
      );
    case 'adam':
      return new KerasAdam(
        c.learningRate,
        c.beta1 ?? KERAS_ADAM_DEFAULTS.beta1,
        c.beta2 ?? KERAS_ADAM_DEFAULTS.beta2,
        c.epsilon ?? KERAS_ADAM_DEFAULTS.epsilon,
      );
    case 'sgd':
      return c.momentum ? tf.train.momentum(c.learningRate, c.momentum, c.nesterov ?? false) : tf.train.sgd(c.learningRate);
  }
}

/** The update rule of each optimizer, for reports. */
export const OPTIMIZER_FORMULAS: Record<OptimizerName, string> = {
  rmsprop: 'v ← ρ·v + (1−ρ)·g²;  θ ← θ − η·g / √(v + ε)  (centered: √(v − ḡ² + ε), ḡ ← ρ·ḡ + (1−ρ)·g; momentum μ: m ← μ·m + η·g/√(…); θ ← θ − m)',
  adam: 'm ← β₁·m + (1−β₁)·g;  v ← β₂·v + (1−β₂)·g²;  θ ← θ − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε)',
  sgd: 'θ ← θ − η·g  (momentum μ: u ← μ·u + g; θ ← θ − η·u; Nesterov: θ ← θ − η·(g + μ·u))',
};
