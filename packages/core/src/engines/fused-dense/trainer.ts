/**
 * The fused dense trainer: one training step of a stack of Dense layers (an MLP) computed by nnlab
 * on the wasm heap instead of by tfjs' op-by-op autodiff.
 *
 * Why: a small MLP's step is ~6 MFLOP, but tfjs dispatches ~100 kernels for it (forward, the
 * gradient tape, transposes, the optimizer) and re-packs each weight matrix for XNNPACK on every
 * step because the optimizer gives it a new tensor. Here a step is: the batch copied to the heap,
 * the two big products per layer (X·W and Xᵀ·dZ) and the small backward product dZ·Wᵀ run by the
 * SIMD `gemm4xN` loops of @nnlab/kernels-wasm (`assembly/gemm.ts`, called from gemm.ts), and the element-wise parts (bias, activation, softmax,
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
 *
 * Files: plan.ts (which models, the per-layer plan), heap-layout.ts (rows in and out of the heap),
 * elementwise.ts (activations, losses), optimizer-slots.ts (the optimizer's rule), gemm.ts (the
 * SIMD product), this file (buffers and the phases of a step).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { LossName } from '../../losses';
import type { HostUpdateRule } from '../../optimizer-state';
import { allocF32, allocI32, f32View, heapAddress, release, wasmHeapMemory, type SimdKernels } from '@nnlab/kernels-wasm';
import { activate, activationGrad, sigmoidBinaryCrossEntropy, softmaxCrossEntropy } from './elementwise';
import { gemmColumns } from './gemm';
import { fillRows, gatherKernelGrad, padKernel, sumColumns, transposeKernel } from './heap-layout';
import { applyRule, ownSlots } from './optimizer-slots';
import { planFusedDense, roundUp4, type DensePlan } from './plan';

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
      this.slots[l.kernelIndex] = ownSlots(this.backend, this.rule, l.kernelIndex, l.kernel);
      if (l.bias) this.slots[l.biasIndex] = ownSlots(this.backend, this.rule, l.biasIndex, l.bias);
    }
  }

  step(x: Float32Array, y: Float32Array, w: Float32Array | undefined, n: number, predictions: Float32Array): number {
    if (this.disposed) throw new Error('fused dense trainer: used after dispose()');
    if (!(Number.isInteger(n) && n >= 1 && n <= this.maxBatch))
      throw new RangeError(`fused dense trainer: batch of ${n} samples, expected 1..${this.maxBatch}`);
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
      gemmColumns(this.simd, rowsTable, np, b.wPad, 1, l.inputs, 0, 0, l.stride * 4, b.act, l.stride);
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
      gemmColumns(this.simd, colsTable, kp, b.delta, n, 1, inStride * 4, l.stride * 4, 0, b.dW, l.stride);
      this.lap('backward: inputᵀ · delta (SIMD)');
      gatherKernelGrad(f, b.dW >> 2, this.kernelGrads[i], l.inputs, l.units, l.stride);
      sumColumns(f, b.delta >> 2, this.biasGrads[i], n, l.stride, l.units);
      this.lap('backward: gradient copy, bias gradient');
      if (i > 0) {
        const p = layers[i - 1];
        const pb = buffers[i - 1];
        f.fill(0, pb.delta >> 2, (pb.delta >> 2) + np * p.stride);
        gemmColumns(this.simd, b.deltaRows, np, b.wT, 1, l.units, 0, 0, p.stride * 4, pb.delta, p.stride);
        activationGrad(f, pb.act >> 2, pb.delta >> 2, n, p.stride, p.units, p.activation);
        this.lap("backward: delta · Wᵀ ⊙ activation'");
      }
    }

    // The optimizer's rule, then the new values become the variables' values.
    this.rule.beginStep();
    let next = 0;
    for (const [i, l] of layers.entries()) {
      applyRule(this.backend, this.rule, this.slots[l.kernelIndex], l.kernel, this.kernelGrads[i], fresh[next++]);
      if (l.bias) applyRule(this.backend, this.rule, this.slots[l.biasIndex], l.bias, this.biasGrads[i], fresh[next++]);
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
