/**
 * Saving and loading models as folders in the tfjs LayersModel format (`model.json` +
 * `weights.bin`), the format `tf.loadLayersModel` reads. Loading refuses manifests that point
 * outside the folder and weights shorter or longer than the manifest says.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelFormatError } from '../errors';
import { filesToArtifacts, modelToFiles, parseModelJson } from '../model-artifacts';
import { writeDirAtomic, writeFileAtomic } from './atomic-write';

/** Writes `model.json` and its weights into `dir` (created if needed), each file atomically. */
export async function saveModelToDir(model: tf.LayersModel, dir: string): Promise<void> {
  const files = await modelToFiles(model);
  for (const [name, bytes] of Object.entries(files.weights)) writeFileAtomic(join(dir, name), bytes);
  writeFileAtomic(join(dir, 'model.json'), files.modelJson);
}

/** Like `saveModelToDir`, but the folder appears complete or not at all (it must not exist yet). */
export async function saveModelToNewDir(model: tf.LayersModel, dir: string): Promise<void> {
  const files = await modelToFiles(model);
  await writeDirAtomic(dir, (tmp) => {
    for (const [name, bytes] of Object.entries(files.weights)) writeFileAtomic(join(tmp, name), bytes);
    writeFileAtomic(join(tmp, 'model.json'), files.modelJson);
  });
}

/** A tfjs IO handler reading a model folder (or a `model.json` path) from disk, with safety checks. */
export function modelFolderHandler(pathToDirOrJson: string): tf.io.IOHandler {
  return {
    async load() {
      const jsonPath = resolveModelJson(pathToDirOrJson);
      const dir = resolve(jsonPath, '..');
      const parsed = parseModelJson(readFileSync(jsonPath, 'utf8'), jsonPath);
      const weights = parsed.paths.map((p) => {
        const file = resolve(dir, p);
        if (!file.startsWith(dir + '/')) throw new ModelFormatError(jsonPath, `weights path '${p}' points outside the model folder; refusing to read it`);
        if (!existsSync(file)) throw new ModelFormatError(file, 'weights file named in model.json is missing');
        return new Uint8Array(readFileSync(file));
      });
      return filesToArtifacts(parsed, weights, jsonPath);
    },
  };
}

function resolveModelJson(p: string): string {
  const abs = resolve(p);
  if (!existsSync(abs)) throw new ModelFormatError(abs, 'no such file or folder');
  const jsonPath = statSync(abs).isDirectory() ? join(abs, 'model.json') : abs;
  if (!existsSync(jsonPath)) throw new ModelFormatError(abs, 'no model.json in this folder');
  return jsonPath;
}

/** Loads a LayersModel saved by `saveModelToDir` (or any tfjs LayersModel folder). */
export async function loadModelFromDir(pathToDirOrJson: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(modelFolderHandler(pathToDirOrJson));
}
