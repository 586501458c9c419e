/**
 * The Node side of the interchange tests: load a model folder as the CLI does, decode an image as
 * the CLI does (`decodeGrayscale`), prepare it with the zoo's pipeline and predict.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '@nnlab/core';
import { loadModelFromDir, registerNodeBackends } from '@nnlab/core/node';
import { decodeGrayscale } from '@nnlab/datasets/node';
import { getZooEntry } from '@nnlab/models';
import { inputPipelineFor, prepareImage } from '@nnlab/experiments';

let ready: Promise<unknown> | undefined;

/** Activates the pure-JS backend once (reference numbers, no wasm binary to locate). */
export function nodeBackend(): Promise<unknown> {
  if (!ready) {
    registerNodeBackends();
    ready = useBackend('cpu');
  }
  return ready;
}

/** The outputs of the model in `modelDir` (a zoo model `zooId`) for the image file `imagePath`. */
export async function predictInNode(
  modelDir: string,
  zooId: string,
  imagePath: string,
  options: { invert?: boolean; centerDigit?: boolean } = {},
): Promise<number[]> {
  await nodeBackend();
  const model = await loadModelFromDir(modelDir);
  try {
    const shape = model.inputs[0].shape.slice(1) as number[];
    const entry = getZooEntry(zooId);
    const pipeline = inputPipelineFor(entry, { imageSize: shape.length === 3 ? shape[0] : undefined });
    const img = await decodeGrayscale(imagePath);
    const sample = prepareImage(pipeline, img.data, img.height, img.width, { invert: options.invert, centerDigit: options.centerDigit });
    const out = tf.tidy(() => (model.predict(tf.tensor(sample, [1, ...pipeline.sampleShape])) as tf.Tensor).dataSync());
    return Array.from(out);
  } finally {
    model.dispose();
  }
}

/** A grayscale image as an RGBA raster (R = G = B, opaque), for `encodePng`. */
export function grayToRgba(gray: Uint8Array): Uint8Array {
  const rgba = new Uint8Array(gray.length * 4);
  for (let i = 0; i < gray.length; i++) {
    rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = gray[i];
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}
