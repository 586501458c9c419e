/**
 * Loads a trained model (run folder or model folder, with the safety checks of
 * `loadModelFromDir`), prepares each image with the model's input pipeline (the same code the
 * web app uses) and predicts. For the MNIST models an image is, by default, inverted when its ink
 * is dark on light and centred the way MNIST was prepared (as the web app's digit pad does); each
 * prediction says what was applied.
 */
import { bundleFolder } from './bundle-folder';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelFormatError, choosePredictor, useBackend, type BackendName } from '@nnlab/core';
import { insideFolder, loadModelFromDir, registerNodeBackends } from '@nnlab/core/node';
import { decodeGrayscale } from '@nnlab/datasets/node';
import { identifySavedModel, prepareImage, zooIdFromShapes, type IdentitySource, type RunRecord } from '@nnlab/experiments';
import { loadRunRecordFile } from '@nnlab/experiments/node';
import { UsageError } from '../exit-codes';
import { detectPolarity } from './polarity';

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
  /** What was done to the image first (inverted, centred). */
  applied: AppliedPreparation;
}

export interface PredictImagesResult {
  /** The zoo id, the spec's name, or `custom`. */
  modelId: string;
  /** How the model was identified: run record, its own metadata, or (older models) its shapes. */
  identifiedBy: IdentitySource;
  source: string;
  predictions: ImagePrediction[];
}

export interface Located {
  modelDir: string;
  record?: RunRecord;
}

/** The model folder (and run record) of a run folder, its model/ folder or any model folder. */
export function locate(path: string): Located {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new ModelFormatError(abs, 'no such file or folder');
  if (statSync(abs).isFile()) {
    const bundle = bundleFolder(abs); // a web app export (.nnlab.json)
    if (bundle) return bundle;
  }
  if (statSync(abs).isDirectory() && existsSync(join(abs, 'run.json'))) {
    const record = loadRunRecordFile(join(abs, 'run.json'));
    if (!record.modelDir) throw new ModelFormatError(abs, `run ${record.id} has no saved model (status: ${record.status})`);
    const modelDir = insideFolder(abs, record.modelDir);
    if (!modelDir) throw new ModelFormatError(join(abs, 'run.json'), `modelDir '${record.modelDir}' points outside the run folder; refusing to follow it`);
    return { modelDir, record };
  }
  return { modelDir: abs };
}

/** The zoo model an older model (saved without nnlab metadata) matches by its shapes. */
export function guessModelId(model: tf.LayersModel): string {
  const id = zooIdFromShapes(model);
  if (id) return id;
  const inShape = model.inputs[0].shape.slice(1);
  const outUnits = model.outputs[0].shape[1];
  throw new UsageError(`cannot tell which zoo model takes input [${inShape.join(', ')}] with ${outUnits} outputs: pass --model-id`);
}

/** Options of {@link predictImages}. */
export interface PredictImagesOptions {
  modelId?: string;
  /** Invert pixels: true/false as told; undefined: when the ink is dark on light (MNIST models). */
  invert?: boolean;
  /** Centre the digit as MNIST was prepared: default true for the MNIST models. */
  centerDigit?: boolean;
  backend?: BackendName | 'auto';
}

/** Predicts every image. */
export async function predictImages(modelPath: string, images: string[], options: PredictImagesOptions = {}): Promise<PredictImagesResult> {
  const { modelDir, record } = locate(modelPath);
  registerNodeBackends();
  await useBackend(options.backend ?? 'auto');
  const model = await loadModelFromDir(modelDir);
  try {
    // The run record, else the model's own metadata; only older models are matched by their shapes.
    const who = identifySavedModel(model, { record, zooId: options.modelId });
    const modelId = who.name;
    const inShape = model.inputs[0].shape.slice(1) as number[];
    const pipeline = who.pipeline;
    const expected = inShape.reduce((a, b) => a * b, 1);
    if (expected !== pipeline.sampleSize) {
      throw new ModelFormatError(modelDir, `model input [${inShape.join(', ')}] does not fit ${modelId}'s pipeline (${pipeline.sampleSize} values)`);
    }
    const digits = pipeline.input !== 'xray-image';
    const predictions: ImagePrediction[] = [];
    // The native engine runs the model when it is registered and takes it (else tfjs' predict).
    const { predictor } = choosePredictor('auto', model, 1);
    const outputs = (model.outputs[0].shape.slice(1) as number[]).reduce((a, b) => a * b, 1);
    try {
      for (const file of images) {
        const img = await decodeGrayscale(file);
        const polarity = digits ? detectPolarity(img.data, img.height, img.width) : undefined;
        const invert = options.invert ?? polarity === 'dark-on-light';
        const centerDigit = digits && (options.centerDigit ?? true);
        const applied: AppliedPreparation = {
          invert,
          ...(options.invert === undefined && digits ? { invertReason: `auto: ${polarity}` } : {}),
          center: centerDigit,
        };
        const sample = prepareImage(pipeline, img.data, img.height, img.width, { invert, centerDigit });
        let values: number[];
        if (predictor) {
          const out = new Float32Array(outputs);
          predictor.predict(Float32Array.from(sample), 1, out);
          values = Array.from(out);
        } else {
          const out = tf.tidy(() => model.predict(tf.tensor(sample, [1, ...inShape])) as tf.Tensor);
          values = Array.from(await out.data());
          out.dispose();
        }
        if (values.some((v) => !Number.isFinite(v)))
          throw new ModelFormatError(modelDir, `the model computed ${values.find((v) => !Number.isFinite(v))} for ${file}: its weights are damaged`);
        if (values.length === 1) {
          const p = values[0];
          const cls = p >= 0.5 ? 1 : 0;
          predictions.push({
            file,
            class: cls,
            className: who.classNames[cls] ?? String(cls),
            probability: cls ? p : 1 - p,
            probabilities: [1 - p, p],
            applied,
          });
        } else {
          let cls = 0;
          for (let k = 1; k < values.length; k++) if (values[k] > values[cls]) cls = k;
          predictions.push({ file, class: cls, className: who.classNames[cls] ?? String(cls), probability: values[cls], probabilities: values, applied });
        }
      }
    } finally {
      predictor?.dispose();
    }
    return { modelId, identifiedBy: who.from, source: record ? `run ${record.id}` : modelDir, predictions };
  } finally {
    model.dispose();
  }
}

/** What was done to an image before it went into the model. */
export interface AppliedPreparation {
  invert: boolean;
  /** Why it was (not) inverted when no flag said: the polarity detected. */
  invertReason?: string;
  center: boolean;
}

/** `inverted (auto: dark-on-light), centred` — for the table. */
export function describeApplied(a: AppliedPreparation): string {
  const parts = [`${a.invert ? 'inverted' : 'not inverted'}${a.invertReason ? ` (${a.invertReason})` : ''}`];
  if (a.center) parts.push('centred');
  return parts.join(', ');
}
