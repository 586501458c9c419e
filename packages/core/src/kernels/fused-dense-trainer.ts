/**
 * The fused dense trainer: one training step of a stack of Dense layers (an MLP) computed by nnlab
 * on the wasm heap instead of by tfjs' op-by-op autodiff.
 *
 * Why: a small MLP's step is ~6 MFLOP, but tfjs dispatches ~100 kernels for it (forward, the
 * gradient tape, transposes, the optimizer) and re-packs each weight matrix for XNNPACK on every
 * step because the optimizer gives it a new tensor. Here a step is: the batch copied to the heap,
 * the two big products per layer (X·W and Xᵀ·dZ) and the small backward product dZ·Wᵀ run by the
 * SIMD `gemm4xN` loops of `simd-kernels.ts`, and the element-wise parts (bias, activation, softmax,
 * cross-entropy and their gradients) in plain loops over at most batch × units values. The update
 * is the optimizer's own float32 rule (`HostUpdateRule`: the same arithmetic as the fused update
 * kernels). New weight values go into new tensors assigned to the model's variables, as
 * `applyGradients` does, so every cache keyed on a tensor (XNNPACK's packed weights) stays right,
 * and the model can be used at any time between steps.
 *
 * The math is autodiff's, term by term: predictions clipped to [ε, 1 − ε] with the clip's
 * gradient mask, softmax backward p ⊙ (g − Σ p·g), relu' = [z > 0], per-sample weights scaled by
 * 1/batch. Results agree with the tfjs path to float32 rounding (summation order differs);
 * fused-dense-trainer.test.ts checks weights, slots, losses and predictions after several steps.
 *
 * What it takes (otherwise `fusedDenseSupport` says why not and `fit` uses tfjs):
 * the wasm backend with the SIMD loops; a Sequential model of trainable Dense layers without
 * regularizers or constraints; hidden activations linear/relu/sigmoid/tanh; softmax output with
 * categorical cross-entropy or sigmoid output with binary cross-entropy; an optimizer with a host
 * update rule (KerasRMSprop without momentum, KerasAdam).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { LOSS_EPSILON, type LossName } from '../losses';
import { isHostUpdatable, type HostUpdateRule } from '../optimizer-state';
import { simdKernelsFor, type SimdKernels } from './simd-kernels';
import { allocF32, allocI32, f32View, heapAddress, release, WASM_BACKEND_NAME, wasmHeapMemory } from './wasm-kernel-utils';

/** Activations the trainer differentiates. */
type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';
const HIDDEN: readonly Activation[] = ['linear', 'relu', 'sigmoid', 'tanh'];

/** One Dense layer as the trainer sees it; sizes in floats. */
interface DensePlan {
  name: string;
  inputs: number;
  units: number;
  /** `units` rounded up to a multiple of 4: the row stride of this layer's heap buffers. */
  stride: number;
  activation: Activation;
  kernel: tf.Variable;
  bias: tf.Variable | null;
  /** Positions of kernel and bias in `model.trainableWeights` (the optimizer's slot indices). */
  kernelIndex: number;
  biasIndex: number;
}

/** One training step of a Dense stack on the wasm heap. */
export interface FusedDenseTrainer {
  /** Largest batch `step` accepts. */
  readonly maxBatch: number;
  /**
   * One optimizer step on the first `n` samples of `x` (n × inputs) and `y` (n × outputs), with
   * optional per-sample loss weights `w`. Writes the batch's predictions (n × outputs) to
   * `predictions` and returns the batch loss (weighted mean).
   */
  step(x: Float32Array, y: Float32Array, w: Float32Array | undefined, n: number, predictions: Float32Array): number;
  /** Frees the heap buffers (the model's variables stay). */
  dispose(): void;
  /** Time per phase of the steps so far, largest first (only with `profile: true`). */
  phaseTimes(): FusedDensePhaseTime[];
}

/** One phase of the fused step, for profiles. */
export interface FusedDensePhaseTime {
  name: string;
  ms: number;
  calls: number;
}

/** Options of `createFusedDenseTrainer`. */
export interface FusedDenseTrainerOptions {
  /** Time the phases of every step (see `phaseTimes`). Default false. */
  profile?: boolean;
}

const roundUp4 = (n: number): number => (n + 3) & ~3;

/** Everything a trainer needs, once `model`, optimizer, loss and backend qualify. */
interface FusedDensePlan {
  layers: DensePlan[];
  rule: HostUpdateRule;
  backend: BackendWasm;
  simd: SimdKernels;
}

/** The plan, or why `model` cannot train through the fused dense trainer. */
function planFusedDense(model: tf.LayersModel, optimizer: tf.Optimizer, loss: LossName): FusedDensePlan | string {
  const layers = planLayers(model, loss);
  if (typeof layers === 'string') return layers;
  if (tf.getBackend() !== WASM_BACKEND_NAME) return `the active backend is ${tf.getBackend()} (the fused dense trainer runs on wasm)`;
  const backend = tf.backend() as BackendWasm;
  const simd = simdKernelsFor(backend);
  if (!simd) return 'the wasm heap has no SIMD loops (no WebAssembly SIMD here)';
  const rule = isHostUpdatable(optimizer) ? optimizer.hostUpdateRule() : null;
  if (!rule) return `the optimizer ${optimizer.getClassName()} has no host update rule (KerasRMSprop without momentum or centering, and KerasAdam, have one)`;
  return { layers, rule, backend, simd };
}

/** Why `model` cannot train through the fused dense trainer, or null when it can. */
export function fusedDenseSupport(model: tf.LayersModel, optimizer: tf.Optimizer, loss: LossName): string | null {
  const plan = planFusedDense(model, optimizer, loss);
  return typeof plan === 'string' ? plan : null;
}

/** The trainer for `model`, or the reason (as `fusedDenseSupport` gives it) why there is none. */
export function fusedDenseTrainerOrReason(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  loss: LossName,
  maxBatch: number,
  options: FusedDenseTrainerOptions = {},
): FusedDenseTrainer | string {
  const plan = planFusedDense(model, optimizer, loss);
  if (typeof plan === 'string') return plan;
  return new DenseStackTrainer(plan.backend, plan.simd, plan.layers, plan.rule, loss, maxBatch, options.profile ?? false);
}

/** The trainer for `model`, or null when `fusedDenseSupport` gives a reason not to use it. */
export function createFusedDenseTrainer(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  loss: LossName,
  maxBatch: number,
  options: FusedDenseTrainerOptions = {},
): FusedDenseTrainer | null {
  const trainer = fusedDenseTrainerOrReason(model, optimizer, loss, maxBatch, options);
  return typeof trainer === 'string' ? null : trainer;
}

function planLayers(model: tf.LayersModel, loss: LossName): DensePlan[] | string {
  if (!(model instanceof tf.Sequential)) return 'only Sequential models are fused';
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  if (layers.length === 0) return 'the model has no layers';
  const trainable = model.trainableWeights.map((w) => w.originalName);
  const plans: DensePlan[] = [];
  let inputs = 0;
  for (const [i, layer] of layers.entries()) {
    const kind = layer.getClassName();
    if (kind !== 'Dense') return `layer '${layer.name}' is ${kind}; only stacks of Dense layers are fused`;
    if (!layer.trainable) return `layer '${layer.name}' is frozen`;
    const config = layer.getConfig();
    for (const key of ['kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'biasConstraint']) {
      if (config[key] != null) return `layer '${layer.name}' has a ${key}`;
    }
    const activation = String(config.activation) as Activation;
    const last = i === layers.length - 1;
    if (!last && !HIDDEN.includes(activation)) return `hidden activation '${activation}' of layer '${layer.name}' is not fused`;
    const [kernel, bias] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const inShape = layer.getInputAt(0) as tf.SymbolicTensor;
    if (inShape.shape.length !== 2) return `layer '${layer.name}' takes a rank-${inShape.shape.length} input (the fused trainer takes flat features)`;
    if (kernel.dtype !== 'float32' || kernel.shape.length !== 2) return `layer '${layer.name}' has a ${kernel.dtype} kernel of rank ${kernel.shape.length}`;
    const [k, units] = kernel.shape;
    if (i > 0 && k !== inputs) return `layer '${layer.name}' takes ${k} inputs after a layer of ${inputs} units`;
    const kernelIndex = trainable.indexOf(layer.trainableWeights[0].originalName);
    const biasIndex = bias ? trainable.indexOf(layer.trainableWeights[1].originalName) : -1;
    if (kernelIndex < 0 || (bias && biasIndex < 0)) return `the weights of layer '${layer.name}' are not among the model's trainable weights`;
    plans.push({ name: layer.name, inputs: k, units, stride: roundUp4(units), activation, kernel, bias: bias ?? null, kernelIndex, biasIndex });
    inputs = units;
  }
  if (trainable.length !== plans.reduce((s, p) => s + (p.bias ? 2 : 1), 0)) return 'the model has trainable weights outside its Dense layers';
  const out = plans[plans.length - 1];
  if (loss === 'categoricalCrossentropy' && out.activation !== 'softmax') {
    return `categorical cross-entropy is fused after a softmax output, not '${out.activation}'`;
  }
  if (loss === 'binaryCrossentropy' && out.activation !== 'sigmoid') return `binary cross-entropy is fused after a sigmoid output, not '${out.activation}'`;
  return plans;
}

/** Heap byte addresses of one layer's buffers (float rows of `stride` floats). */
interface LayerBuffers {
  /** Kernel padded to [inputs, stride] (pad columns zero). */
  wPad: number;
  /** Kernel transposed to [units, stride of the previous layer] (layers after the first). */
  wT: number;
  /** Activations [rows, stride]: bias, then + input·W, then the activation, in place. */
  act: number;
  /** Gradient of the loss with respect to the pre-activation [rows, stride]. */
  delta: number;
  /** Kernel gradient [inputs rounded up to 4, stride]. */
  dW: number;
  /** Tables of row addresses of `act` and `delta`, and of column addresses of `act`. */
  actRows: number;
  deltaRows: number;
  actCols: number;
}

class DenseStackTrainer implements FusedDenseTrainer {
  private readonly temps: tf.TensorInfo[] = [];
  private readonly memory: WebAssembly.Memory;
  private readonly rows: number;
  private readonly x: number;
  private readonly xRows: number;
  private readonly xCols: number;
  private readonly buffers: LayerBuffers[];
  private readonly kernelGrads: Float32Array[];
  private readonly biasGrads: Float32Array[];
  private readonly slots: tf.Variable[][] = [];
  private readonly phases = new Map<string, FusedDensePhaseTime>();
  private lapStart = 0;
  private disposed = false;

  constructor(
    private readonly backend: BackendWasm,
    private readonly simd: SimdKernels,
    private readonly layers: DensePlan[],
    private readonly rule: HostUpdateRule,
    private readonly loss: LossName,
    readonly maxBatch: number,
    private readonly profile: boolean,
  ) {
    if (!(Number.isInteger(maxBatch) && maxBatch >= 1)) throw new RangeError(`fused dense trainer: maxBatch must be a positive integer, got ${maxBatch}`);
    this.memory = wasmHeapMemory(backend) as WebAssembly.Memory;
    const rows = roundUp4(maxBatch);
    this.rows = rows;
    const inputs = layers[0].inputs;
    // The input's column table covers inputs rounded up to 4; the extra columns read into the
    // next row (and 4 floats of slack after the last), and only feed gradient rows that are cut.
    this.x = this.alloc(rows * inputs + 4);
    this.xRows = this.allocTable(rows);
    this.xCols = this.allocTable(roundUp4(inputs));
    this.buffers = layers.map((l, i) => ({
      wPad: this.alloc(l.inputs * l.stride),
      wT: i > 0 ? this.alloc(l.units * layers[i - 1].stride) : 0,
      act: this.alloc(rows * l.stride),
      delta: this.alloc(rows * l.stride),
      dW: this.alloc(roundUp4(l.inputs) * l.stride),
      actRows: this.allocTable(rows),
      deltaRows: this.allocTable(rows),
      actCols: this.allocTable(l.stride),
    }));
    this.kernelGrads = layers.map((l) => new Float32Array(l.inputs * l.units));
    this.biasGrads = layers.map((l) => new Float32Array(l.units));
    // Everything is allocated: from here on the heap does not grow until the next step.
    // Pad columns of the padded kernels must read as zero; the rest is zeroed for tidiness.
    for (const t of this.temps) new Uint8Array(this.memory.buffer, heapAddress(backend, t), t.shape[0] * 4).fill(0);
    const i32 = new Int32Array(this.memory.buffer);
    for (let r = 0; r < rows; r++) i32[(this.xRows >> 2) + r] = this.x + r * inputs * 4;
    for (let c = 0; c < roundUp4(inputs); c++) i32[(this.xCols >> 2) + c] = this.x + c * 4;
    layers.forEach((l, i) => {
      const b = this.buffers[i];
      for (let r = 0; r < rows; r++) {
        i32[(b.actRows >> 2) + r] = b.act + r * l.stride * 4;
        i32[(b.deltaRows >> 2) + r] = b.delta + r * l.stride * 4;
      }
      for (let c = 0; c < l.stride; c++) i32[(b.actCols >> 2) + c] = b.act + c * 4;
    });
    for (const l of layers) {
      this.slots[l.kernelIndex] = this.ownSlots(l.kernelIndex, l.kernel);
      if (l.bias) this.slots[l.biasIndex] = this.ownSlots(l.biasIndex, l.bias);
    }
  }

  step(x: Float32Array, y: Float32Array, w: Float32Array | undefined, n: number, predictions: Float32Array): number {
    if (this.disposed) throw new Error('fused dense trainer: used after dispose()');
    if (!(Number.isInteger(n) && n >= 1 && n <= this.maxBatch)) throw new RangeError(`fused dense trainer: batch of ${n} samples, expected 1..${this.maxBatch}`);
    const { layers, buffers } = this;
    const inputs = layers[0].inputs;
    const outputs = layers[layers.length - 1].units;
    if (x.length < n * inputs || y.length < n * outputs || predictions.length < n * outputs) {
      throw new RangeError(`fused dense trainer: buffers too small for ${n} samples of ${inputs} inputs and ${outputs} outputs`);
    }
    const np = roundUp4(n);
    if (this.profile) this.lapStart = performance.now();
    // The new weight tensors first: allocating may grow the heap, and views come after.
    const variables = layers.flatMap((l) => (l.bias ? [l.kernel, l.bias] : [l.kernel]));
    const fresh = variables.map((v) => allocF32(this.backend, [...v.shape]));
    const f = this.f32();
    const view = (info: tf.TensorInfo): Float32Array => f32View(this.backend, info);
    f.set(x.subarray(0, n * inputs), this.x >> 2);
    this.lap('batch to heap, new weight tensors');

    // Forward: act = activation(bias + input·W), input rows from a row table.
    layers.forEach((l, i) => {
      const b = buffers[i];
      const kernel = view(l.kernel);
      padKernel(f, b.wPad >> 2, kernel, l.inputs, l.units, l.stride);
      if (i > 0) transposeKernel(f, b.wT >> 2, kernel, l.inputs, l.units, layers[i - 1].stride);
      const bias = l.bias ? view(l.bias) : null;
      fillRows(f, b.act >> 2, np, l.stride, l.units, bias);
      this.lap('forward: padded weights, bias');
      const rowsTable = i === 0 ? this.xRows : buffers[i - 1].actRows;
      this.gemm(rowsTable, np, b.wPad, 1, l.inputs, 0, 0, l.stride * 4, b.act, l.stride);
      this.lap('forward: input · W (SIMD)');
      if (l.activation !== 'softmax') activate(f, b.act >> 2, n, l.stride, l.units, l.activation);
      this.lap('forward: activation');
    });

    // Loss, predictions, and the output layer's delta.
    const out = layers[layers.length - 1];
    const ob = buffers[buffers.length - 1];
    const lossValue =
      this.loss === 'categoricalCrossentropy'
        ? softmaxCrossEntropy(f, ob.act >> 2, ob.delta >> 2, y, w, n, out.stride, out.units)
        : sigmoidBinaryCrossEntropy(f, ob.act >> 2, ob.delta >> 2, y, w, n, out.stride, out.units);
    for (let r = 0; r < n; r++) {
      const o = (ob.act >> 2) + r * out.stride;
      for (let j = 0; j < out.units; j++) predictions[r * out.units + j] = f[o + j];
    }
    this.lap('softmax/sigmoid, loss, output delta');

    // Backward: dW = inputᵀ·delta, db = Σ delta, delta_prev = (delta·Wᵀ) ⊙ activation'.
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i];
      const b = buffers[i];
      const kp = roundUp4(l.inputs);
      f.fill(0, b.dW >> 2, (b.dW >> 2) + kp * l.stride);
      const colsTable = i === 0 ? this.xCols : buffers[i - 1].actCols;
      const inStride = i === 0 ? l.inputs : layers[i - 1].stride;
      this.gemm(colsTable, kp, b.delta, n, 1, inStride * 4, l.stride * 4, 0, b.dW, l.stride);
      this.lap('backward: inputᵀ · delta (SIMD)');
      gatherKernelGrad(f, b.dW >> 2, this.kernelGrads[i], l.inputs, l.units, l.stride);
      sumColumns(f, b.delta >> 2, this.biasGrads[i], n, l.stride, l.units);
      this.lap('backward: gradient copy, bias gradient');
      if (i > 0) {
        const p = layers[i - 1];
        const pb = buffers[i - 1];
        f.fill(0, pb.delta >> 2, (pb.delta >> 2) + np * p.stride);
        this.gemm(b.deltaRows, np, b.wT, 1, l.units, 0, 0, p.stride * 4, pb.delta, p.stride);
        activationGrad(f, pb.act >> 2, pb.delta >> 2, n, p.stride, p.units, p.activation);
        this.lap("backward: delta · Wᵀ ⊙ activation'");
      }
    }

    // The optimizer's rule, then the new values become the variables' values.
    this.rule.beginStep();
    let next = 0;
    for (const [i, l] of layers.entries()) {
      this.update(l.kernelIndex, l.kernel, this.kernelGrads[i], fresh[next++]);
      if (l.bias) this.update(l.biasIndex, l.bias, this.biasGrads[i], fresh[next++]);
    }
    this.rule.endStep();
    this.lap('optimizer update');
    const engine = tf.engine();
    variables.forEach((v, i) => {
      const t = engine.makeTensorFromTensorInfo(fresh[i], this.backend);
      v.assign(t);
      t.dispose();
    });
    this.lap('variables assigned');
    return lossValue;
  }

  phaseTimes(): FusedDensePhaseTime[] {
    return [...this.phases.values()].sort((a, b) => b.ms - a.ms).map((p) => ({ ...p }));
  }

  private lap(name: string): void {
    if (!this.profile) return;
    const t = performance.now();
    const phase = this.phases.get(name) ?? { name, ms: 0, calls: 0 };
    phase.ms += t - this.lapStart;
    phase.calls++;
    this.phases.set(name, phase);
    this.lapStart = t;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.temps) release(this.backend, t);
    this.temps.length = 0;
  }

  private update(index: number, variable: tf.Variable, gradient: Float32Array, fresh: tf.TensorInfo): void {
    const slotViews = this.slots[index].map((s) => f32View(this.backend, s));
    this.rule.apply(f32View(this.backend, variable), gradient, slotViews, f32View(this.backend, fresh));
  }

  /** The optimizer's slots of one variable, each the sole owner of its data (updated in place). */
  private ownSlots(index: number, variable: tf.Variable): tf.Variable[] {
    return this.rule.slots(index, variable).map((s) => {
      if (this.backend.refCount(s.dataId) > 1) {
        const copy = tf.tensor(s.dataSync(), s.shape, 'float32');
        s.assign(copy);
        copy.dispose();
      }
      return s;
    });
  }

  /** `simd.gemm4xN` over the column blocks of `outStride` floats (3, then 2 or 1 vectors). */
  private gemm(table: number, kp: number, d: number, rowCount: number, colCount: number, aRowStride: number, dRowStride: number, dColStride: number, out: number, outStride: number): void {
    const { simd } = this;
    for (let col = 0; col < outStride; ) {
      const left = (outStride - col) >> 2;
      const args = [table, kp, d + col * 4, rowCount, colCount, aRowStride, dRowStride, dColStride, out + col * 4, outStride * 4, 0] as const;
      if (left >= 3) {
        simd.gemm4x3(...args);
        col += 12;
      } else if (left === 2) {
        simd.gemm4x2(...args);
        col += 8;
      } else {
        simd.gemm4x1(...args);
        col += 4;
      }
    }
  }

  private alloc(floats: number): number {
    const t = allocF32(this.backend, [floats]);
    this.temps.push(t);
    return heapAddress(this.backend, t);
  }

  private allocTable(entries: number): number {
    const t = allocI32(this.backend, [entries]);
    this.temps.push(t);
    return heapAddress(this.backend, t);
  }

  private f32(): Float32Array {
    return new Float32Array(this.memory.buffer);
  }
}

/** W [inputs, units] → rows of `stride` floats at `at` (pad columns stay zero). */
function padKernel(f: Float32Array, at: number, w: Float32Array, inputs: number, units: number, stride: number): void {
  for (let k = 0; k < inputs; k++) f.set(w.subarray(k * units, (k + 1) * units), at + k * stride);
}

/** W [inputs, units] → Wᵀ rows of `stride` floats at `at` (pad columns stay zero). */
function transposeKernel(f: Float32Array, at: number, w: Float32Array, inputs: number, units: number, stride: number): void {
  for (let j = 0; j < units; j++) {
    const o = at + j * stride;
    for (let k = 0; k < inputs; k++) f[o + k] = w[k * units + j];
  }
}

/** Rows [0, rows) of `units` columns set to the bias (or 0). */
function fillRows(f: Float32Array, at: number, rows: number, stride: number, units: number, bias: Float32Array | null): void {
  for (let r = 0; r < rows; r++) {
    const o = at + r * stride;
    if (bias) f.set(bias, o);
    else f.fill(0, o, o + units);
  }
}

function activate(f: Float32Array, at: number, n: number, stride: number, units: number, activation: Activation): void {
  if (activation === 'linear') return;
  for (let r = 0; r < n; r++) {
    const o = at + r * stride;
    for (let j = o; j < o + units; j++) {
      const z = f[j];
      if (activation === 'relu') f[j] = z > 0 ? z : 0;
      else if (activation === 'sigmoid') f[j] = 1 / (1 + Math.exp(-z));
      else f[j] = Math.tanh(z);
    }
  }
}

/** delta ⊙= activation'(pre-activation), from the activation's output `a`. */
function activationGrad(f: Float32Array, act: number, delta: number, n: number, stride: number, units: number, activation: Activation): void {
  if (activation === 'linear') return;
  for (let r = 0; r < n; r++) {
    const o = r * stride;
    for (let j = 0; j < units; j++) {
      const a = f[act + o + j];
      const d = delta + o + j;
      if (activation === 'relu') f[d] = a > 0 ? f[d] : 0;
      else if (activation === 'sigmoid') f[d] = f[d] * a * (1 - a);
      else f[d] = f[d] * (1 - a * a);
    }
  }
}

const CLIP_LO = Math.fround(LOSS_EPSILON);
const CLIP_HI = Math.fround(1 - LOSS_EPSILON);
const clip = (p: number): number => (p < CLIP_LO ? CLIP_LO : p > CLIP_HI ? CLIP_HI : p);
/** The clip's gradient mask, as tfjs' ClipByValue gradient: 1 inside [lo, hi] (inclusive). */
const inside = (p: number): boolean => p >= CLIP_LO && p <= CLIP_HI;

/**
 * Softmax of the logits in place, the categorical cross-entropy of the clipped probabilities
 * (weighted mean), and the logits' gradient p ⊙ (g − Σ p·g) with g = −(w/n)·y/p inside the clip.
 */
function softmaxCrossEntropy(f: Float32Array, act: number, delta: number, y: Float32Array, w: Float32Array | undefined, n: number, stride: number, units: number): number {
  let total = 0;
  const g = new Float64Array(units);
  for (let r = 0; r < n; r++) {
    const o = act + r * stride;
    let max = -Infinity;
    for (let j = 0; j < units; j++) if (f[o + j] > max) max = f[o + j];
    let sum = 0;
    for (let j = 0; j < units; j++) {
      const e = Math.exp(f[o + j] - max);
      f[o + j] = e;
      sum += e;
    }
    const weight = w ? w[r] : 1;
    const scale = weight / n;
    let rowLoss = 0;
    let pg = 0;
    for (let j = 0; j < units; j++) {
      const p = Math.fround(f[o + j] / sum);
      f[o + j] = p;
      const t = y[r * units + j];
      rowLoss -= t * Math.log(clip(p));
      g[j] = inside(p) ? (-scale * t) / p : 0;
      pg += p * g[j];
    }
    total += weight * rowLoss;
    const d = delta + r * stride;
    for (let j = 0; j < units; j++) f[d + j] = f[o + j] * (g[j] - pg);
  }
  return total / n;
}

/**
 * Sigmoid outputs (already applied), the binary cross-entropy averaged over the outputs
 * (weighted mean over samples), and the logits' gradient g·p·(1 − p) with
 * g = −(w/(n·units))·(y/p − (1 − y)/(1 − p)) inside the clip.
 */
function sigmoidBinaryCrossEntropy(f: Float32Array, act: number, delta: number, y: Float32Array, w: Float32Array | undefined, n: number, stride: number, units: number): number {
  let total = 0;
  for (let r = 0; r < n; r++) {
    const o = act + r * stride;
    const weight = w ? w[r] : 1;
    const scale = weight / (n * units);
    let rowLoss = 0;
    for (let j = 0; j < units; j++) {
      const p = f[o + j];
      const t = y[r * units + j];
      const pc = clip(p);
      rowLoss -= t * Math.log(pc) + (1 - t) * Math.log(1 - pc);
      const g = inside(p) ? -scale * (t / p - (1 - t) / (1 - p)) : 0;
      f[delta + r * stride + j] = g * p * (1 - p);
    }
    total += (weight * rowLoss) / units;
  }
  return total / n;
}

/** The padded kernel gradient [≥ inputs, stride] → [inputs, units]. */
function gatherKernelGrad(f: Float32Array, at: number, out: Float32Array, inputs: number, units: number, stride: number): void {
  for (let k = 0; k < inputs; k++) out.set(f.subarray(at + k * stride, at + k * stride + units), k * units);
}

/** out[j] = Σ_{r < n} rows[r, j] (float32 accumulation, as a Sum kernel does). */
function sumColumns(f: Float32Array, at: number, out: Float32Array, n: number, stride: number, units: number): void {
  out.fill(0);
  for (let r = 0; r < n; r++) {
    const o = at + r * stride;
    for (let j = 0; j < units; j++) out[j] += f[o + j];
  }
}
