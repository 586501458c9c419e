/**
 * The engines known in this process. Core registers tfjs and fused-dense; other packages add
 * theirs (`@nnlab/native/node` registers 'native' on import of its registration function).
 */
import type { EngineFactory, EngineName } from './engine';
import { fusedDenseEngine } from './fused-dense-engine';
import { tfjsEngine } from './tfjs-engine';

const factories = new Map<EngineName, EngineFactory>([
  [fusedDenseEngine.name, fusedDenseEngine],
  [tfjsEngine.name, tfjsEngine],
]);

/** Adds (or replaces) an engine. */
export function registerEngine(factory: EngineFactory): void {
  factories.set(factory.name, factory);
}

/** The registered engine called `name`, if any. */
export function getEngine(name: EngineName): EngineFactory | undefined {
  return factories.get(name);
}

/** Names of the registered engines. */
export function registeredEngines(): EngineName[] {
  return [...factories.keys()];
}
