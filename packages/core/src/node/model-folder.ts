/**
 * Saving and loading models as folders in the tfjs LayersModel format (`model.json` +
 * `weights.bin`), the format `tf.loadLayersModel` reads. Loading refuses manifests that point
 * outside the folder and weights shorter or longer than the manifest says.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelFormatError, NnlabError } from '../errors';
import { filesToArtifacts, modelToFiles, parseModelJson } from '../model-artifacts';
import { writeDirAtomic, writeFileAtomic } from './atomic-write';
import { insideFolder, readRegularFile } from './regular-file';

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

/** Largest `model.json` read (topology and manifest only; the weights are in their own files). */
export const MAX_MODEL_JSON_BYTES = 32 * 1024 * 1024;

const modelFileProblem = (file: string, problem: string) => new ModelFormatError(file, problem);

/**
 * A tfjs IO handler reading a model folder (or a `model.json` path) from disk, with safety checks:
 * regular files only, `model.json` at most {@link MAX_MODEL_JSON_BYTES}, each weights file inside
 * the folder and no larger than the manifest describes.
 */
export function modelFolderHandler(pathToDirOrJson: string): tf.io.IOHandler {
  return {
    async load() {
      const jsonPath = resolveModelJson(pathToDirOrJson);
      const dir = resolve(jsonPath, '..');
      const text = new TextDecoder().decode(readRegularFile(jsonPath, { maxBytes: MAX_MODEL_JSON_BYTES }, modelFileProblem));
      const parsed = parseModelJson(text, jsonPath);
      const weights = parsed.paths.map((p) => {
        const file = insideFolder(dir, p);
        if (!file) throw new ModelFormatError(jsonPath, `weights path '${p}' points outside the model folder; refusing to read it`);
        if (!existsSync(file)) throw new ModelFormatError(file, 'weights file named in model.json is missing');
        return readRegularFile(
          file,
          { maxBytes: parsed.totalBytes, ...(parsed.paths.length === 1 ? { exactBytes: parsed.totalBytes } : {}) },
          (f, problem, kind) =>
            new ModelFormatError(
              f,
              kind === 'too-large' || kind === 'wrong-size'
                ? `${problem}: the manifest in model.json describes ${parsed.totalBytes} bytes of weights`
                : problem,
            ),
        );
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

/**
 * Loads a LayersModel saved by `saveModelToDir` (or any tfjs LayersModel folder). Whatever tfjs
 * cannot build (unknown layer or activation, bad units, weights that do not fit the layers)
 * becomes a ModelFormatError naming `model.json`.
 */
export async function loadModelFromDir(pathToDirOrJson: string): Promise<tf.LayersModel> {
  const jsonPath = resolveModelJson(pathToDirOrJson);
  try {
    return await tf.loadLayersModel(modelFolderHandler(jsonPath));
  } catch (err) {
    if (err instanceof NnlabError) throw err;
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new ModelFormatError(jsonPath, `tfjs cannot build this model (${why})`);
  }
}
