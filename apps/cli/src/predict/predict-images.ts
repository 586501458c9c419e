/**
 * Loads a trained model (run folder or model folder, with the safety checks of
 * `modelFolderHandler`), prepares each image with the model's input pipeline (the same code the
 * web app uses) and predicts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelFormatError, useBackend, type BackendName } from '@nnlab/core';
import { modelFolderHandler, registerNodeBackends } from '@nnlab/core/node';
import { decodeGrayscale } from '@nnlab/datasets/node';
import { getZooEntry, type ModelId } from '@nnlab/models';
import { inputPipelineFor, isRunRecord, prepareImage, type InputPipeline, type RunRecord } from '@nnlab/experiments';
import { UsageError } from '../exit-codes';

/** One image's prediction. */
export interface ImagePrediction {
  file: string;
  /** Predicted class index. */
  class: number;
  className: string;
  /** Probability of the predicted class (binary: of the predicted side). */
  probability: number;
  /** All class probabilities (binary: [normal, pneumonia]). */
  probabilities: number[];
}

export interface PredictImagesResult {
  modelId: ModelId;
  source: string;
  predictions: ImagePrediction[];
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const XRAY = ['NORMAL', 'PNEUMONIA'];

interface Located {
  modelDir: string;
  record?: RunRecord;
}

function locate(path: string): Located {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new ModelFormatError(abs, 'no such file or folder');
  if (statSync(abs).isDirectory() && existsSync(join(abs, 'run.json'))) {
    const parsed: unknown = JSON.parse(readFileSync(join(abs, 'run.json'), 'utf8'));
    if (!isRunRecord(parsed)) throw new ModelFormatError(join(abs, 'run.json'), 'not an nnlab run record');
    if (!parsed.modelDir) throw new ModelFormatError(abs, `run ${parsed.id} has no saved model (status: ${parsed.status})`);
    return { modelDir: join(abs, parsed.modelDir), record: parsed };
  }
  return { modelDir: abs };
}

/** Guesses the zoo model from the input/output shapes. */
function guessModelId(model: tf.LayersModel): ModelId {
  const inShape = model.inputs[0].shape.slice(1);
  const outUnits = model.outputs[0].shape[1];
  if (inShape.length === 1 && inShape[0] === 784) return 'mlp-raw';
  if (inShape.length === 1 && outUnits === 10) return 'mlp-hog';
  if (inShape.length === 3 && outUnits === 10) return 'cnn-mnist';
  if (inShape.length === 3 && outUnits === 1) return 'cnn-pneumonia';
  throw new UsageError(`cannot tell which zoo model takes input [${inShape.join(', ')}] with ${outUnits} outputs: pass --model-id`);
}

/** Predicts every image. */
export async function predictImages(
  modelPath: string,
  images: string[],
  options: { modelId?: string; invert?: boolean; centerDigit?: boolean; backend?: BackendName | 'auto' } = {},
): Promise<PredictImagesResult> {
  const { modelDir, record } = locate(modelPath);
  registerNodeBackends();
  await useBackend(options.backend ?? 'auto');
  const model = await tf.loadLayersModel(modelFolderHandler(modelDir));
  const modelId = (options.modelId ?? record?.config.model ?? guessModelId(model)) as ModelId;
  const entry = getZooEntry(modelId);
  const inShape = model.inputs[0].shape.slice(1) as number[];
  const pipeline: InputPipeline =
    record?.config.input ?? inputPipelineFor(entry, { imageSize: inShape.length === 3 ? inShape[0] : undefined });
  const expected = inShape.reduce((a, b) => a * b, 1);
  if (expected !== pipeline.sampleSize) {
    throw new ModelFormatError(modelDir, `model input [${inShape.join(', ')}] does not fit ${modelId}'s pipeline (${pipeline.sampleSize} values)`);
  }
  const predictions: ImagePrediction[] = [];
  for (const file of images) {
    const img = await decodeGrayscale(file);
    const sample = prepareImage(pipeline, img.data, img.height, img.width, { invert: options.invert, centerDigit: options.centerDigit });
    const out = tf.tidy(() => model.predict(tf.tensor(sample, [1, ...inShape])) as tf.Tensor);
    const values = Array.from(await out.data());
    out.dispose();
    if (values.length === 1) {
      const p = values[0];
      const cls = p >= 0.5 ? 1 : 0;
      predictions.push({ file, class: cls, className: XRAY[cls], probability: cls ? p : 1 - p, probabilities: [1 - p, p] });
    } else {
      let cls = 0;
      for (let k = 1; k < values.length; k++) if (values[k] > values[cls]) cls = k;
      predictions.push({ file, class: cls, className: DIGITS[cls] ?? String(cls), probability: values[cls], probabilities: values });
    }
  }
  model.dispose();
  return { modelId, source: record ? `run ${record.id}` : modelDir, predictions };
}
