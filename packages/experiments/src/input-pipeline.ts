/**
 * How a zoo model turns one grayscale image into its input sample — the same code in the CLI
 * (`nnlab predict`) and the web app, so both give the same numbers for the same image:
 * bilinear resize (TensorFlow `tf.image.resize` semantics, no crop) to the model's size, then
 * MNIST models scale to [0, 1] (raw pixels, images, or HOG of the [0, 1] image), the pneumonia
 * CNN keeps 0–255 as the course did.
 */
import { resizeBilinear } from '@nnlab/datasets';
import { COURSE_HOG_OPTIONS, hog, hogFeatureLength, resolveHogOptions, type HogOptions, type ResolvedHogOptions } from '@nnlab/features-hog';
import { centerDigit } from './center-digit';
import { ExperimentOptionError } from './errors';
import type { ModelInput } from '@nnlab/models';

/** A resolved, serialisable description of the input pipeline (stored in run records). */
export interface InputPipeline {
  input: ModelInput;
  /** Image size the model reads (before HOG for mlp-hog). */
  height: number;
  width: number;
  /** Multiplier applied to 0–255 pixels (1/255 for MNIST models, 1 for the pneumonia CNN). */
  scale: number;
  /** HOG parameters (mlp-hog). */
  hog?: ResolvedHogOptions;
  /** Length of one input sample. */
  sampleSize: number;
  /** Shape of one input sample as the model takes it. */
  sampleShape: number[];
}

/** Options of `inputPipelineFor`. */
export interface InputPipelineOptions {
  /** Square side for the CNNs. Default: 28 (cnn-mnist), 128 (cnn-pneumonia). */
  imageSize?: number;
  /** HOG parameters (mlp-hog). Default: the course's (8 orientations, 4×4 cells, 1×1 blocks, L2-Hys). */
  hog?: HogOptions;
}

/** The input pipeline of a model by what it reads (a zoo entry, or an experiment's input kind). */
export function inputPipelineFor(entry: { input: ModelInput; id?: string }, options: InputPipelineOptions = {}): InputPipeline {
  switch (entry.input) {
    case 'mnist-pixels':
      return { input: entry.input, height: 28, width: 28, scale: 1 / 255, sampleSize: 784, sampleShape: [784] };
    case 'mnist-image': {
      const s = options.imageSize ?? 28;
      return { input: entry.input, height: s, width: s, scale: 1 / 255, sampleSize: s * s, sampleShape: [s, s, 1] };
    }
    case 'mnist-hog': {
      const h = resolveHogOptions({ ...COURSE_HOG_OPTIONS, ...options.hog });
      const n = hogFeatureLength(28, 28, h);
      return { input: entry.input, height: 28, width: 28, scale: 1 / 255, hog: h, sampleSize: n, sampleShape: [n] };
    }
    case 'xray-image': {
      const s = options.imageSize ?? 128;
      return { input: entry.input, height: s, width: s, scale: 1, sampleSize: s * s, sampleShape: [s, s, 1] };
    }
    default:
      throw new ExperimentOptionError(`model '${entry.id ?? 'custom'}' has an unknown input kind '${String(entry.input)}'`);
  }
}

/** Options of `prepareImage`. */
export interface PrepareImageOptions {
  /** Invert 0–255 pixels first (dark digit on a light background → MNIST's light on dark). */
  invert?: boolean;
  /**
   * MNIST models: crop the digit, fit it into 20×20 and centre its mass in 28×28, as MNIST's own
   * digits were prepared (for drawings and photos; MNIST images themselves need nothing).
   */
  centerDigit?: boolean;
  /** Write the sample here instead of allocating. */
  out?: Float32Array;
}

/**
 * Turns one grayscale image (0–255 values, row-major, `height × width`) into the model's input
 * sample.
 */
export function prepareImage(pipeline: InputPipeline, gray: ArrayLike<number>, height: number, width: number, options: PrepareImageOptions = {}): Float32Array {
  if (gray.length !== height * width) {
    throw new ExperimentOptionError(`prepareImage: ${gray.length} pixels for a ${height}×${width} image`);
  }
  let pixels: ArrayLike<number> = gray;
  if (options.invert) {
    const inv = new Float32Array(gray.length);
    for (let i = 0; i < gray.length; i++) inv[i] = 255 - gray[i];
    pixels = inv;
  }
  if (options.centerDigit && pipeline.input !== 'xray-image') {
    pixels = centerDigit(pixels, height, width, { size: pipeline.height });
    height = pipeline.height;
    width = pipeline.width;
  }
  const resized =
    height === pipeline.height && width === pipeline.width ? Float32Array.from(pixels) : resizeBilinear(pixels, height, width, pipeline.height, pipeline.width);
  const out = options.out ?? new Float32Array(pipeline.sampleSize);
  if (pipeline.hog) {
    const unit = new Float32Array(resized.length);
    for (let i = 0; i < unit.length; i++) unit[i] = Math.fround(resized[i] / 255);
    out.set(hog(unit, pipeline.height, pipeline.width, pipeline.hog));
    return out;
  }
  for (let i = 0; i < resized.length; i++) out[i] = resized[i] * pipeline.scale;
  return out;
}
