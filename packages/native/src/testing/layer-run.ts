/**
 * One layer on its own, native vs tfjs' cpu backend: the addon's `runLayer` (src/cc/layer-api.cc)
 * runs the layer's forward and backward for a given dy; tfjs runs the same layer (same weights,
 * same input) and autodiff gives dx and the weight gradients of sum(y ⊙ dy). The per-layer tests
 * (conv2d, pool2d, batch-norm, dropout) compare the two with `relError` (max |a − b| / max |b|).
 *
 * `describeNative` skips a suite only when the addon is unavailable AND NNLAB_REQUIRE_NATIVE is
 * not set; CI sets it, so there a missing addon fails the suites instead of skipping them.
 */
import * as tf from '@tensorflow/tfjs';
import { loadAddon } from '../node/addon';
import { nativeRequired } from '../node/register';
import { planNativeModel, type NativeLayerDesc } from '../plan';
import { seededValues } from '@nnlab/kernels-wasm/testing';
import { relError } from './parity';

/** Arguments of the addon's runLayer. */
export interface RunLayerArgs {
  layer: NativeLayerDesc;
  /** One sample's input shape. */
  input: number[];
  /** Batch size. */
  n: number;
  x: Float32Array;
  /** Every weight in tfjs' layout and `layer.weights` order. */
  weights?: Float32Array[];
  /** Batch statistics / dropout (default true). */
  training?: boolean;
  /** When given, backward runs with this output gradient. */
  dy?: Float32Array;
  /** Whether backward computes dx (default true; false = the model's first layer). */
  wantDx?: boolean;
  seed?: number;
  /** OpenMP threads (0: OpenMP's default). */
  threads?: number;
  /** Timed forward (+ backward) runs after the first, for per-layer timings. */
  repeat?: number;
}

export interface RunLayerResult {
  y: Float32Array;
  dx?: Float32Array;
  /** Gradients of the trainable weights (tfjs layout), when dy was given. */
  grads: Float32Array[];
  /** Every weight after the run (moving statistics updated), tfjs layout. */
  weights: Float32Array[];
  /** Wall-clock ms per pass (with `repeat`). */
  forwardMs?: number;
  backwardMs?: number;
  /** The process's CPU ms per pass, all threads (with `repeat`). */
  forwardCpuMs?: number;
  backwardCpuMs?: number;
}

type RunLayer = (args: RunLayerArgs) => RunLayerResult;

/** The addon's runLayer, or a thrown error saying why the addon is missing. */
export function runLayer(args: RunLayerArgs): RunLayerResult {
  const s = loadAddon();
  if (!s.available) throw new Error(`native layer tests need the addon: ${s.reason}`);
  return (s.addon as unknown as { runLayer: RunLayer }).runLayer(args);
}

/** `describe`, or `describe.skip` (with one notice) when the addon is missing and not required. */
export function describeNative(name: string, body: () => void): void {
  const s = loadAddon();
  if (!s.available && !nativeRequired()) {
    console.warn(`${name}: skipped, the native addon is unavailable (${s.reason}); NNLAB_REQUIRE_NATIVE=1 makes this a failure`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

export interface LayerParityOptions {
  batch: number;
  /** Default true (fit's mode: batch statistics, backward checked); false checks inference only. */
  training?: boolean;
  /** Default true; false checks the first-layer path (no dx). */
  wantDx?: boolean;
  seed?: number;
  /**
   * Batch-norm weights the native layer goes without (center/scale false). tfjs-layers 4.22
   * cannot train such a layer (its training path reads the missing gamma/beta), so the reference
   * is the full tfjs layer holding gamma = 1 / beta = 0, which computes the same function.
   */
  without?: ('gamma' | 'beta')[];
}

export interface LayerParity {
  /** The native layer description the planner made. */
  desc: NativeLayerDesc;
  forward: number;
  /** Undefined when wantDx is false or at inference. */
  dx?: number;
  /** Per trainable weight (empty at inference). */
  grads: { name: string; error: number }[];
  /** Per non-trainable weight after the run (batch-norm moving statistics). */
  state: { name: string; error: number }[];
}

/** The short name of a tfjs weight ("conv2d_1/kernel" → "kernel"). */
const shortName = (w: tf.LayerVariable) => w.originalName.split('/').pop() ?? w.originalName;

/** The values a test gives each weight (variances and scales stay positive; omitted ones neutral). */
function initialWeight(name: string, size: number, seed: number, without: string[]): Float32Array {
  if (without.includes(name)) return new Float32Array(size).fill(name === 'gamma' ? 1 : 0);
  if (name === 'moving_variance' || name === 'gamma') return seededValues(size, seed, 0.5, 1.5);
  return seededValues(size, seed, -0.5, 0.5);
}

/** Runs `make()` (a fresh tfjs layer) natively and on tfjs' cpu backend and compares. */
export function layerParity(make: () => tf.layers.Layer, inputShape: number[], options: LayerParityOptions): LayerParity {
  const { batch } = options;
  const training = options.training ?? true;
  const wantDx = training && (options.wantDx ?? true);
  const seed = options.seed ?? 7;
  const without: string[] = options.without ?? [];
  const layer = make();
  const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape }), layer] });
  layer.setWeights(
    layer.weights.map((w, i) => {
      const shape = w.shape as number[];
      return tf.tensor(
        initialWeight(
          shortName(w),
          shape.reduce((a, b) => a * b, 1),
          seed + 10 + i,
          without,
        ),
        shape,
      );
    }),
  );
  // The native layer's weights: the tfjs ones minus those it goes without.
  const nativeWeights = layer.weights.filter((w) => !without.includes(shortName(w)));

  const s = loadAddon();
  const plan = planNativeModel(model, s.available ? s.info.layerKinds : []);
  if (typeof plan === 'string') throw new Error(`not native: ${plan}`);
  const desc: NativeLayerDesc = {
    ...plan.layers[0],
    ...(without.includes('gamma') ? { scale: false } : {}),
    ...(without.includes('beta') ? { center: false } : {}),
  };

  const sample = inputShape.reduce((a, b) => a * b, 1);
  const outShape = (layer.outputShape as number[]).slice(1);
  const x = seededValues(batch * sample, seed);
  const dy = training ? seededValues(batch * outShape.reduce((a, b) => a * b, 1), seed + 1) : undefined;
  const weights = nativeWeights.map((w) => Float32Array.from(w.read().dataSync() as Float32Array));
  const got = runLayer({ layer: desc, input: inputShape, n: batch, x, weights, training, dy, wantDx });

  // tfjs: y, and the gradients of sum(y ⊙ dy) with respect to x and the trainable weights.
  const xVar = tf.variable(tf.tensor(x, [batch, ...inputShape]));
  let y: tf.Tensor | undefined;
  let grads: tf.NamedTensorMap = {};
  if (dy) {
    const dyT = tf.tensor(dy, [batch, ...outShape]);
    const trainable = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    grads = tf.variableGrads(() => {
      const out = layer.apply(xVar, { training }) as tf.Tensor;
      y = tf.keep(out.clone());
      return tf.sum(tf.mul(out, dyT));
    }, [...trainable, xVar]).grads;
    dyT.dispose();
  } else {
    y = layer.apply(xVar, { training }) as tf.Tensor;
  }

  const result: LayerParity = { desc, forward: relError(got.y, y!.dataSync()), grads: [], state: [] };
  if (wantDx) result.dx = relError(got.dx!, grads[xVar.name].dataSync());
  let g = 0;
  nativeWeights.forEach((w, i) => {
    if (!w.trainable) result.state.push({ name: shortName(w), error: relError(got.weights[i], w.read().dataSync()) });
    else if (dy) result.grads.push({ name: shortName(w), error: relError(got.grads[g++], grads[(w.read() as tf.Variable).name].dataSync()) });
  });
  tf.dispose([xVar, y!, ...Object.values(grads)]);
  model.dispose();
  return result;
}
