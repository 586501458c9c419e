/**
 * The one rule that picks a training engine. Engines are tried in this order and the first that
 * plans the model wins; every engine tried before it is reported with its reason:
 *   auto   → native, fused-dense, tfjs   (native when registered, available and the model fits;
 *                                         fused-dense for Dense stacks on wasm; tfjs for the rest)
 *   native → native only (an error naming the reason when it cannot)
 *   wasm   → fused-dense, tfjs           (nnlab's wasm paths; never native)
 *   tfjs   → tfjs only
 * An engine that is not registered in this process (native in the browser) is not a fallback
 * under 'auto'; asked for by name, it is an error.
 */
import type * as tf from '@tensorflow/tfjs';
import { InvalidOptionError } from '../errors';
import { ENGINE_CHOICES, type EngineChoice, type EngineFallback, type EngineName, type Predictor, type TrainingEngine, type TrainRequest } from './engine';
import { getEngine } from './registry';

export const ENGINE_RULE: Record<EngineChoice, readonly EngineName[]> = {
  auto: ['native', 'fused-dense', 'tfjs'],
  native: ['native'],
  wasm: ['fused-dense', 'tfjs'],
  tfjs: ['tfjs'],
};

/** The chosen engine and the ones skipped before it. */
export interface EngineSelection {
  engine: TrainingEngine;
  fallbacks: EngineFallback[];
}

/** Throws for anything but an engine choice. */
export function checkEngineChoice(choice: string): asserts choice is EngineChoice {
  if (!(ENGINE_CHOICES as readonly string[]).includes(choice)) {
    throw new InvalidOptionError(`engine must be one of ${ENGINE_CHOICES.join(', ')}, got '${choice}'`);
  }
}

/** Plans `request` on the first engine of `choice`'s list that takes it (`skip`: engines turned off). */
export async function chooseEngine(choice: EngineChoice, request: TrainRequest, skip: readonly EngineName[] = []): Promise<EngineSelection> {
  checkEngineChoice(choice);
  const fallbacks: EngineFallback[] = [];
  for (const name of ENGINE_RULE[choice]) {
    if (skip.includes(name)) continue;
    const factory = getEngine(name);
    if (!factory) {
      if (choice !== 'auto')
        fallbacks.push({
          engine: name,
          reason: `the ${name} engine is not registered here${name === 'native' ? ' (Node: registerNativeEngine() from @nnlab/native/node)' : ''}`,
        });
      continue;
    }
    const planned = await factory.plan(request);
    if (typeof planned !== 'string') return { engine: planned, fallbacks };
    fallbacks.push({ engine: name, reason: planned });
  }
  throw new InvalidOptionError(`engine '${choice}' cannot train this model: ${fallbacks.map((f) => `${f.engine}: ${f.reason}`).join('; ')}`);
}

/**
 * The forward-only runner for `model` under `choice` (the first engine of the rule with a
 * predictor that takes the model), or null: tfjs' own `predict` then runs it.
 */
export function choosePredictor(choice: EngineChoice, model: tf.LayersModel, maxBatch: number): { predictor: Predictor | null; fallbacks: EngineFallback[] } {
  checkEngineChoice(choice);
  const fallbacks: EngineFallback[] = [];
  for (const name of ENGINE_RULE[choice]) {
    const factory = getEngine(name);
    if (!factory?.predictor) continue;
    const p = factory.predictor(model, maxBatch);
    if (typeof p !== 'string') return { predictor: p, fallbacks };
    fallbacks.push({ engine: name, reason: p });
  }
  if (choice === 'native')
    throw new InvalidOptionError(
      `engine 'native' cannot run this model: ${fallbacks.map((f) => f.reason).join('; ') || 'the native engine is not registered here'}`,
    );
  return { predictor: null, fallbacks };
}
