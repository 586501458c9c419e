/**
 * A run's test set for the explanation figures: images (the report's own source) with their
 * labels, and the model's prediction for each, computed in batches with the run's input pipeline.
 */
import * as tf from '@tensorflow/tfjs';
import { loadMnist, loadPneumoniaMnist, openChestXray } from '@nnlab/datasets/node';
import { prepareImage, type InputPipeline, type RunRecord } from '@nnlab/experiments';
import { join } from 'node:path';
import { ifDataReadable, testImageSource } from './test-images';

export interface LabelledTestSet {
  count: number;
  labels: Uint8Array;
  image(i: number): Promise<{ pixels: ArrayLike<number>; height: number; width: number }>;
}

async function testLabels(record: RunRecord): Promise<Uint8Array | undefined> {
  const data = record.config.data;
  const explicit = (f: (typeof data.files)[number] | undefined) => (f?.origin === 'explicit' && f.path ? f.path : undefined);
  if (record.config.model === 'cnn-pneumonia') {
    if (data.name === 'pneumoniamnist') {
      const path = explicit(data.files[0]);
      return (await loadPneumoniaMnist(path ? { path } : {})).test.labels;
    }
    const root = data.files[0]?.path;
    return root ? (await openChestXray(root, { imageSize: [128, 128] })).splits.test?.labels : undefined;
  }
  const file = data.files.find((f) => f.name.includes('t10k-images'));
  const dir = file && explicit(file) ? join(explicit(file)!, '..') : undefined;
  return (await loadMnist({ dir, limit: { train: 1 } })).test.labels;
}

/** The run's test images with labels, or undefined when they cannot be read back. */
export async function labelledTestSet(record: RunRecord): Promise<LabelledTestSet | undefined> {
  const [source, labels] = await Promise.all([testImageSource(record), ifDataReadable(() => testLabels(record))]);
  if (!source || !labels) return undefined;
  return {
    count: labels.length,
    labels,
    image: async (i) => {
      const img = await source.image(i);
      if (!img) throw new Error(`test image ${i} cannot be read`);
      return img;
    },
  };
}

/** Model outputs for the first `n` test images ([n × units], row-major), in batches. */
export async function predictTestSet(model: tf.LayersModel, pipeline: InputPipeline, set: LabelledTestSet, n: number, batch = 64): Promise<Float32Array> {
  const inShape = model.inputs[0].shape.slice(1) as number[];
  const units = (model.outputs[0].shape[1] as number) ?? 1;
  const out = new Float32Array(n * units);
  for (let s = 0; s < n; s += batch) {
    const m = Math.min(batch, n - s);
    const x = new Float32Array(m * pipeline.sampleSize);
    for (let k = 0; k < m; k++) {
      const img = await set.image(s + k);
      prepareImage(pipeline, img.pixels, img.height, img.width, { out: x.subarray(k * pipeline.sampleSize, (k + 1) * pipeline.sampleSize) });
    }
    const y = tf.tidy(() => model.predict(tf.tensor(x, [m, ...inShape])) as tf.Tensor);
    out.set(await y.data(), s * units);
    y.dispose();
  }
  return out;
}
