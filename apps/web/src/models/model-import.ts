/**
 * Importing a model saved by `nnlab train` (the run's `model/` folder: `model.json` +
 * `weights.bin`, optionally the run's `run.json`) from a file input, and deciding which zoo model
 * it is and how its inputs are prepared.
 */
import { ModelFormatError, modelFromFiles, parseModelJson, type ModelFiles } from '@nnlab/core';
import { MODEL_IDS, getZooEntry, readModelMetadata, type ModelId, type ZooEntry } from '@nnlab/models';
import { inputPipelineFor, isModelBundleText, isRunRecord, readModelBundle, zooIdFromShapes, type InputPipeline, type RunRecord } from '@nnlab/experiments';
import { inputSampleShape, type LayersModel } from './layers-model';

/** The files picked by the user, sorted out. */
export interface PickedModelFiles {
  files: ModelFiles;
  /** The run record, when `run.json` was picked too (or the bundle carried it). */
  run?: RunRecord;
  /** The name the exporting session gave the model (bundles). */
  label?: string;
  /** Name of the model.json file (for messages). */
  source: string;
}

/** A loaded model with its zoo identity. */
export interface ImportedModel {
  model: LayersModel;
  entry: ZooEntry;
  pipeline: InputPipeline;
  /** How the zoo id was decided. */
  how: 'chosen' | 'run.json' | 'metadata' | 'shape';
}

async function readJson(file: File): Promise<unknown> {
  try {
    return JSON.parse(await file.text());
  } catch (err) {
    throw new ModelFormatError(file.name, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Sorts the picked files into model.json, weight files and an optional run.json. */
export async function pickModelFiles(picked: readonly File[]): Promise<PickedModelFiles> {
  let modelJson: { file: File; text: string } | undefined;
  let run: RunRecord | undefined;
  const binaries: File[] = [];
  for (const file of picked) {
    if (file.name.toLowerCase().endsWith('.json')) {
      // One file exported by the web app (model, weights and run record together).
      const text = await file.text();
      if (isModelBundleText(text)) {
        const bundle = readModelBundle(text, file.name);
        return { files: bundle.files, run: bundle.run, source: file.name, label: bundle.label };
      }
      const value = await readJson(file);
      if (isRunRecord(value)) run = value;
      else if (value && typeof value === 'object' && 'modelTopology' in value) modelJson = { file, text: JSON.stringify(value) };
      else throw new ModelFormatError(file.name, 'neither a tfjs model.json (no modelTopology) nor an nnlab run.json');
    } else {
      binaries.push(file);
    }
  }
  if (!modelJson) throw new ModelFormatError('import', 'pick model.json together with its weights file (weights.bin) — both are in the run’s model/ folder');
  const parsed = parseModelJson(modelJson.text, modelJson.file.name);
  const weights: Record<string, Uint8Array> = {};
  for (const path of parsed.paths) {
    const base = path.split('/').pop()!;
    // The manifest's file, or the only binary picked when the user renamed it.
    const file = binaries.find((b) => b.name === base) ?? (parsed.paths.length === 1 && binaries.length === 1 ? binaries[0] : undefined);
    if (!file) throw new ModelFormatError(modelJson.file.name, `weights file '${path}' was not picked: select model.json and ${base} together`);
    weights[path] = new Uint8Array(await file.arrayBuffer());
  }
  return { files: { modelJson: modelJson.text, weights }, run, source: modelJson.file.name };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Loads the model and decides its zoo id: the user's choice, else the run record's, else the
 * model's own metadata, else (older models without metadata) its shape. The input pipeline is the run record's when it has one, else the zoo's.
 * @throws ModelFormatError when the model does not fit the zoo entry.
 */
export async function importModel(picked: PickedModelFiles, chosen?: ModelId): Promise<ImportedModel> {
  const model = await modelFromFiles(picked.files, picked.source);
  try {
    // What the model says of itself (model.json metadata) before what its shapes suggest (older models).
    const metaName = readModelMetadata(model).spec?.name;
    const fromMetadata = (MODEL_IDS as readonly string[]).find((id) => id === metaName);
    let how: ImportedModel['how'];
    let zooId: string;
    if (chosen) {
      zooId = chosen;
      how = 'chosen';
    } else if (picked.run) {
      zooId = picked.run.config.model;
      how = 'run.json';
    } else if (fromMetadata) {
      zooId = fromMetadata;
      how = 'metadata';
    } else if (zooIdFromShapes(model)) {
      zooId = zooIdFromShapes(model)!;
      how = 'shape';
    } else {
      throw new ModelFormatError(picked.source, `cannot tell which zoo model this is (input [${inputSampleShape(model).join(', ')}]): choose the zoo model`);
    }
    const entry = getZooEntry(zooId);
    const shape = inputSampleShape(model);
    const runPipeline = picked.run?.config.model === zooId ? picked.run.config.input : undefined;
    const imageSize = (entry.input === 'mnist-image' || entry.input === 'xray-image') && shape.length === 3 ? shape[0] : undefined;
    const pipeline = runPipeline ?? inputPipelineFor(entry, { imageSize });
    if (!sameShape(pipeline.sampleShape, shape)) {
      throw new ModelFormatError(
        picked.source,
        `the model reads [${shape.join(', ')}] but ${zooId} inputs are [${pipeline.sampleShape.join(', ')}]: wrong zoo model?`,
      );
    }
    return { model, entry, pipeline, how };
  } catch (err) {
    model.dispose();
    throw err;
  }
}
