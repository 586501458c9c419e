/**
 * What a saved model is, without guessing when it says so itself: the run record's input pipeline
 * and class names; else the model's own metadata (model.json `userDefinedMetadata.nnlab`: the spec,
 * class names, dataset and input pipeline `runExperiment` stores); else, for older models saved
 * without metadata, the zoo model its shapes match — said as such.
 */
import type * as tf from '@tensorflow/tfjs';
import { COURSE_HOG_LENGTH, METADATA_KEY, getZooEntry, modelMetadata, readModelMetadata, type ModelId, type ModelSpec } from '@nnlab/models';
import { datasetForInput } from './datasets';
import { ExperimentOptionError } from './errors';
import { inputPipelineFor, type InputPipeline } from './input-pipeline';
import type { RunRecord } from './run-record';

/** Where the identity came from. */
export type IdentitySource = 'zoo id given' | 'run record' | 'model metadata' | 'input shape (older model without metadata)';

/** A saved model's identity. */
export interface SavedModelIdentity {
  /** The zoo id, the spec's name, or `custom`. */
  name: string;
  pipeline: InputPipeline;
  classNames: string[];
  spec?: ModelSpec;
  from: IdentitySource;
}

/** The metadata `runExperiment` stores: the spec and class names (models), plus the dataset and input pipeline. */
export function experimentMetadata(spec: ModelSpec, classNames: readonly string[], dataset: string, pipeline: InputPipeline): Record<string, object> {
  const base = modelMetadata(spec, classNames)[METADATA_KEY];
  return { [METADATA_KEY]: { ...base, dataset, input: pipeline } };
}

function inputShapeOf(model: tf.LayersModel): number[] {
  return model.inputs[0].shape.slice(1) as number[];
}

/** The zoo model an older model's shapes match (no metadata to read). */
export function zooIdFromShapes(model: tf.LayersModel): ModelId | undefined {
  const input = inputShapeOf(model);
  const outputs = model.outputs[0].shape[model.outputs[0].shape.length - 1];
  if (input.length === 3 && input[2] === 1 && input[0] === input[1]) return outputs === 1 ? 'cnn-pneumonia' : outputs === 10 ? 'cnn-mnist' : undefined;
  if (input.length !== 1 || outputs !== 10) return undefined;
  if (input[0] === 784) return 'mlp-raw';
  if (input[0] === COURSE_HOG_LENGTH) return 'mlp-hog';
  return undefined;
}

function zooIdentity(id: string, model: tf.LayersModel, from: IdentitySource): SavedModelIdentity {
  const entry = getZooEntry(id);
  const input = inputShapeOf(model);
  const pipeline = inputPipelineFor(entry, { imageSize: input.length === 3 ? input[0] : undefined });
  return { name: entry.id, pipeline, classNames: [...datasetForInput(entry.input).classNames], from };
}

/** Identifies a loaded model; `zooId` (a user's explicit choice) wins, then the record, then the metadata, then the shapes. */
export function identifySavedModel(model: tf.LayersModel, options: { record?: RunRecord; zooId?: string } = {}): SavedModelIdentity {
  const { record, zooId } = options;
  if (zooId) return zooIdentity(zooId, model, 'zoo id given');
  if (record?.config.input) {
    const classNames = record.config.classNames ?? [...datasetForInput(record.config.input.input).classNames];
    return { name: record.config.model, pipeline: record.config.input, classNames, spec: record.config.spec, from: 'run record' };
  }
  const meta = readModelMetadata(model);
  const raw = (model.getUserDefinedMetadata() as Record<string, { input?: InputPipeline }> | undefined)?.[METADATA_KEY];
  if (meta.spec && raw?.input) {
    return {
      name: meta.spec.name ?? 'custom',
      pipeline: raw.input,
      classNames: meta.classNames ?? [...datasetForInput(raw.input.input).classNames],
      spec: meta.spec,
      from: 'model metadata',
    };
  }
  const guessed = zooIdFromShapes(model);
  if (!guessed) {
    throw new ExperimentOptionError(
      `the model carries no nnlab metadata and its input [${inputShapeOf(model).join(', ')}] matches no zoo model: give the zoo id`,
    );
  }
  return zooIdentity(guessed, model, 'input shape (older model without metadata)');
}
