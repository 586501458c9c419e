/**
 * The tfjs LayersModel format on its own, host-independent: `model.json` (topology + weights
 * manifest) and one weights file. Used by the Node folder IO and by the web app's import/export.
 */
import * as tf from '@tensorflow/tfjs';
import { ModelFormatError } from './errors';
import { concatBytes } from './bytes';

/** Name of the weights file nnlab writes next to `model.json`. */
export const WEIGHTS_FILE_NAME = 'weights.bin';

/** A saved model as two files' contents. */
export interface ModelFiles {
  /** Text of `model.json`. */
  modelJson: string;
  /** Weight files named in the manifest, by relative path. */
  weights: Record<string, Uint8Array>;
}

/** Serialises a model into the tfjs LayersModel files (one weights file). */
export async function modelToFiles(model: tf.LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      const bytes = concatBytes(weightData === undefined ? [] : Array.isArray(weightData) ? weightData : [weightData]);
      const modelJson = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        trainingConfig: artifacts.trainingConfig,
        weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: artifacts.weightSpecs ?? [] }],
        // What the model says about itself (nnlab: its spec and class names).
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      files = { modelJson: JSON.stringify(modelJson), weights: { [WEIGHTS_FILE_NAME]: bytes } };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!files) throw new Error('modelToFiles: tfjs did not call the save handler');
  return files;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2, uint16: 2, complex64: 8 };

/** Bytes one weight entry takes. */
function weightBytes(spec: tf.io.WeightsManifestEntry): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const per = DTYPE_BYTES[dtype];
  if (per === undefined) throw new Error(`unsupported weight dtype '${dtype}'`);
  return spec.shape.reduce((a, b) => a * b, 1) * per;
}

/**
 * A manifest path is safe when it is relative, stays inside the model folder and names a file
 * (no `..`, no absolute path, no URL, no backslash tricks).
 */
export function isSafeWeightPath(p: string): boolean {
  if (typeof p !== 'string' || p.length === 0 || p.length > 255) return false;
  if (p.startsWith('/') || p.startsWith('\\') || /^[a-zA-Z]:/.test(p) || /^[a-z]+:\/\//i.test(p)) return false;
  if (p.includes('\0') || p.includes('\\')) return false;
  return p.split('/').every((seg) => seg !== '..' && seg !== '' && seg !== '.');
}

/** Parsed and checked `model.json`. */
export interface ParsedModelJson {
  json: {
    modelTopology: object;
    weightsManifest: tf.io.WeightsManifestConfig;
    format?: string;
    generatedBy?: string;
    convertedBy?: string | null;
    trainingConfig?: tf.io.TrainingConfig;
    userDefinedMetadata?: tf.io.ModelArtifacts['userDefinedMetadata'];
  };
  /** Weight file paths in manifest order. */
  paths: string[];
  /** Bytes all weight files together must hold. */
  totalBytes: number;
}

/** Parses `model.json`, refusing unsafe paths and malformed manifests. `source` names it in errors. */
export function parseModelJson(text: string, source: string): ParsedModelJson {
  let json: ParsedModelJson['json'];
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelFormatError(source, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!json || typeof json !== 'object' || !json.modelTopology) throw new ModelFormatError(source, 'no modelTopology: not a tfjs LayersModel file');
  if (!Array.isArray(json.weightsManifest)) throw new ModelFormatError(source, 'no weightsManifest array');
  const paths: string[] = [];
  let totalBytes = 0;
  for (const group of json.weightsManifest) {
    if (!group || !Array.isArray(group.paths) || !Array.isArray(group.weights)) throw new ModelFormatError(source, 'malformed weightsManifest group');
    for (const p of group.paths) {
      if (!isSafeWeightPath(p)) throw new ModelFormatError(source, `weights path '${p}' points outside the model folder; refusing to read it`);
    }
    try {
      for (const w of group.weights) totalBytes += weightBytes(w);
    } catch (err) {
      throw new ModelFormatError(source, err instanceof Error ? err.message : String(err));
    }
    paths.push(...group.paths);
  }
  return { json, paths, totalBytes };
}

/** Builds tfjs `ModelArtifacts` from a parsed model.json and the weight files' bytes. */
export function filesToArtifacts(parsed: ParsedModelJson, weights: Uint8Array[], source: string): tf.io.ModelArtifacts {
  const specs = parsed.json.weightsManifest.flatMap((g) => g.weights);
  const expected = parsed.totalBytes;
  const total = weights.reduce((s, w) => s + w.byteLength, 0);
  if (total !== expected) {
    throw new ModelFormatError(source, `weights hold ${total} bytes but the manifest describes ${expected}: truncated or mismatched weights file`);
  }
  const buf = concatBytes(weights);
  refuseNonFiniteWeights(specs, buf, source);
  return {
    modelTopology: parsed.json.modelTopology,
    format: parsed.json.format,
    generatedBy: parsed.json.generatedBy,
    convertedBy: parsed.json.convertedBy ?? undefined,
    trainingConfig: parsed.json.trainingConfig,
    ...(parsed.json.userDefinedMetadata ? { userDefinedMetadata: parsed.json.userDefinedMetadata } : {}),
    weightSpecs: specs,
    weightData: buf.buffer,
  };
}

/**
 * Refuses float weights holding NaN or ±Inf: such a model predicts "probability NaN" for every
 * input, a silent wrong result. Names the first bad weight.
 */
function refuseNonFiniteWeights(specs: tf.io.WeightsManifestEntry[], buf: Uint8Array, source: string): void {
  let off = 0;
  for (const spec of specs) {
    const bytes = weightBytes(spec);
    if (spec.dtype === 'float32' && !spec.quantization) {
      const values = new Float32Array(buf.slice(off, off + bytes).buffer);
      for (let i = 0; i < values.length; i++) {
        if (!Number.isFinite(values[i])) {
          throw new ModelFormatError(
            source,
            `weight '${spec.name}' holds ${values[i]} at index ${i}: the model is damaged (or its training diverged); refusing to use it`,
          );
        }
      }
    }
    off += bytes;
  }
}

/** Loads a LayersModel from in-memory files (browser upload, tests). */
export async function modelFromFiles(files: ModelFiles, source = 'model.json'): Promise<tf.LayersModel> {
  const parsed = parseModelJson(files.modelJson, source);
  const weights = parsed.paths.map((p) => {
    const w = files.weights[p];
    if (!w) throw new ModelFormatError(source, `weights file '${p}' is missing`);
    return w;
  });
  return tf.loadLayersModel(tf.io.fromMemory(filesToArtifacts(parsed, weights, source)));
}
