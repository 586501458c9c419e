/**
 * Model outputs for prepared input samples, through `evaluateModel` (one unshuffled pass) so the
 * app runs models only through @nnlab/core. The dummy labels only shape the targets.
 */
import { arrayDataset, evaluateModel } from '@nnlab/core';
import type { InputPipeline } from '@nnlab/experiments';
import { outputUnits, type LayersModel } from '../models/layers-model';

/** Outputs of the model for each sample (softmax probabilities, or one sigmoid probability). */
export async function predictSamples(model: LayersModel, pipeline: InputPipeline, samples: readonly Float32Array[]): Promise<Float32Array[]> {
  const n = samples.length;
  if (n === 0) return [];
  const size = pipeline.sampleSize;
  const x = new Float32Array(n * size);
  samples.forEach((s, i) => x.set(s, i * size));
  const units = outputUnits(model);
  const ds = arrayDataset({ x, sampleShape: pipeline.sampleShape, labels: new Uint8Array(n), numClasses: units === 1 ? 2 : units });
  const ev = await evaluateModel(model, ds);
  return Array.from({ length: n }, (_, i) => ev.predictions.slice(i * units, (i + 1) * units));
}

/** Index of the largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
