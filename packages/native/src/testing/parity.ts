/**
 * Parity of the native engine with tfjs' cpu backend for one small model: the forward pass
 * (native inference vs `model.predict`) and the gradients of every trainable weight (native: one
 * SGD step with learning rate 1, g = w_before − w_after; tfjs: `tf.variableGrads` of the mean
 * loss). Layer tests (dense.test.ts, conv and pooling tests) build models around the layer they
 * check and compare with `relError`.
 */
import * as tf from '@tensorflow/tfjs';
import { getLoss, type LossName } from '@nnlab/core';
import { seededValues } from '@nnlab/kernels-wasm/testing';
import { loadAddon, type NativeAddon } from '../node/addon';
import { planNativeModel } from '../plan';

/** max |a − b| / max |b| (0 when both are zero). */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

export interface ParityResult {
  forward: number;
  /** Relative error per trainable weight, in model.trainableWeights order. */
  gradients: { name: string; error: number }[];
}

export interface ParityOptions {
  batch: number;
  /** The native model's largest batch (≥ batch; larger checks partial batches). */
  maxBatch?: number;
  loss?: LossName;
  classWeight?: number[];
  seed?: number;
}

/** The addon, or a thrown error saying why it is missing (parity tests need it). */
export function requireAddon(): NativeAddon {
  const s = loadAddon();
  if (!s.available) throw new Error(`native parity tests need the addon: ${s.reason}`);
  return s.addon;
}

/** Compares native and tfjs-cpu forward and gradients for `model` (built on the cpu backend). */
export async function nativeParity(model: tf.LayersModel, options: ParityOptions): Promise<ParityResult> {
  const addon = requireAddon();
  const { batch } = options;
  const seed = options.seed ?? 1;
  const inShape = model.inputs[0].shape.slice(1) as number[];
  const outputs = (model.outputs[0].shape.slice(1) as number[]).reduce((a, b) => a * b, 1);
  const sample = inShape.reduce((a, b) => a * b, 1);
  const loss: LossName = options.loss ?? (outputs === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy');
  const x = seededValues(batch * sample, seed);
  const y = new Float32Array(batch * outputs);
  const labels = seededValues(batch, seed + 1, 0, outputs === 1 ? 2 : outputs);
  for (let i = 0; i < batch; i++) {
    if (outputs === 1) y[i] = Math.floor(labels[i]);
    else y[i * outputs + Math.floor(labels[i])] = 1;
  }
  const plan = planNativeModel(model, addon.info().layerKinds);
  if (typeof plan === 'string') throw new Error(`not native: ${plan}`);

  // Forward.
  const want = (await (tf.tidy(() => model.predict(tf.tensor(x, [batch, ...inShape]))) as tf.Tensor).data()) as Float32Array;
  const infer = addon.createModel({ input: plan.input, layers: plan.layers, maxBatch: options.maxBatch ?? batch });
  const weights = plan.weights.map((w) => Float32Array.from(w.read().dataSync() as Float32Array));
  addon.loadWeights(infer, weights);
  const got = new Float32Array(batch * outputs);
  addon.predict(infer, x, got);
  addon.disposeModel(infer);

  // Gradients: tfjs autodiff of the (weighted) mean loss.
  const lossFn = getLoss(loss);
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const sampleWeights = options.classWeight
    ? Float32Array.from({ length: batch }, (_, i) => options.classWeight![outputs === 1 ? y[i] : y.subarray(i * outputs, (i + 1) * outputs).indexOf(1)])
    : null;
  const { grads } = tf.variableGrads(() => {
    const p = model.apply(tf.tensor(x, [batch, ...inShape]), { training: true }) as tf.Tensor;
    const perSample = lossFn(tf.tensor(y, [batch, outputs]), p);
    return (sampleWeights ? tf.mean(tf.mul(perSample, tf.tensor1d(sampleWeights))) : tf.mean(perSample)) as tf.Scalar;
  }, trainable);

  // Native: one SGD step with learning rate 1.
  const train = addon.createModel({
    input: plan.input,
    layers: plan.layers,
    maxBatch: options.maxBatch ?? batch,
    loss,
    optimizer: { kind: 'sgd', learningRate: 1, iterations: 0 },
    classWeight: options.classWeight,
  });
  addon.loadWeights(train, weights);
  addon.setData(train, x, y);
  addon.trainStep(
    train,
    Int32Array.from({ length: batch }, (_, i) => i),
    new Float64Array(2),
  );
  const after = weights.map((w) => new Float32Array(w.length));
  addon.storeWeights(train, after);
  addon.disposeModel(train);

  const gradients: { name: string; error: number }[] = [];
  plan.weights.forEach((w, i) => {
    if (!w.trainable) return;
    const g = weights[i].map((v, j) => v - after[i][j]);
    const ref = grads[(w.read() as tf.Variable).name].dataSync();
    gradients.push({ name: w.name, error: relError(g, ref) });
  });
  tf.dispose(Object.values(grads));
  return { forward: relError(got, want), gradients };
}
