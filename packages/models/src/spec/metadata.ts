/**
 * What a saved model carries about itself in model.json's `userDefinedMetadata`: its spec and
 * its class names, so a loaded model is never identified by guessing from its shapes.
 *   { "nnlab": { "spec": { "format": "nnlab-model-spec", … }, "classNames": ["0", …, "9"] } }
 */
import type * as tf from '@tensorflow/tfjs';
import { SpecError } from '../errors';
import { normalizeSpec } from './normalize';
import type { ModelSpec } from './types';

/** The key under `userDefinedMetadata`. */
export const METADATA_KEY = 'nnlab';

/** What `readModelMetadata` finds. */
export interface ModelMetadata {
  spec?: ModelSpec;
  classNames?: string[];
}

/** The `userDefinedMetadata` object for a model built from `spec` with these classes. */
export function modelMetadata(spec: ModelSpec, classNames?: readonly string[]): { [METADATA_KEY]: { spec: ModelSpec; classNames?: string[] } } {
  return { [METADATA_KEY]: { spec, ...(classNames ? { classNames: [...classNames] } : {}) } };
}

/** Stores the spec and class names in `model` (saved with it into model.json). */
export function setModelMetadata(model: tf.LayersModel, spec: ModelSpec, classNames?: readonly string[]): void {
  model.setUserDefinedMetadata(modelMetadata(spec, classNames));
}

/**
 * Reads the spec and class names from a model or a parsed model.json; `{}` when it carries none.
 * Throws `SpecError` when they are there but malformed.
 */
export function readModelMetadata(source: tf.LayersModel | { userDefinedMetadata?: unknown }): ModelMetadata {
  const meta =
    'getUserDefinedMetadata' in source && typeof source.getUserDefinedMetadata === 'function'
      ? source.getUserDefinedMetadata()
      : (source as { userDefinedMetadata?: unknown }).userDefinedMetadata;
  const entry = meta && typeof meta === 'object' ? (meta as Record<string, unknown>)[METADATA_KEY] : undefined;
  if (entry === undefined) return {};
  if (typeof entry !== 'object' || entry === null) throw new SpecError(`userDefinedMetadata.${METADATA_KEY} must be an object`);
  const e = entry as Record<string, unknown>;
  const out: ModelMetadata = {};
  if (e.spec !== undefined) out.spec = normalizeSpec(e.spec);
  if (e.classNames !== undefined) {
    if (!Array.isArray(e.classNames) || !e.classNames.every((c) => typeof c === 'string')) {
      throw new SpecError(`userDefinedMetadata.${METADATA_KEY}.classNames must be a list of strings`);
    }
    out.classNames = [...(e.classNames as string[])];
  }
  return out;
}
