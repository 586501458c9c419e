/**
 * The native engine for @nnlab/core's engine registry: plans a model through `planNativeModel`,
 * builds it in the addon, loads the tfjs weights and optimizer slots, hands the training set over
 * once, then trains with one addon call per step. `sync` writes weights, slots and the step count
 * back into the tfjs variables and optimizer (fit calls it at every epoch end and on stop).
 */
import * as tf from '@tensorflow/tfjs';
import { range, shapeSize, type EngineFactory, type EngineInfo, type Predictor, type StepOutcome, type TrainingEngine, type TrainRequest } from '@nnlab/core';
import { describeOptimizer } from '../optimizer-desc';
import { planNativeModel, type NativeModelPlan } from '../plan';
import { loadAddon, type NativeAddon, type NativeAddonInfo, type NativeModelHandle } from './addon';

function engineInfo(info: NativeAddonInfo, threads: number): EngineInfo {
  return { name: 'native', threads, isa: info.isa, library: `oneDNN ${info.version}` };
}

/** Current values of the variables, as the addon takes them. */
function readVariables(vars: readonly tf.LayerVariable[]): Float32Array[] {
  return vars.map((v) => Float32Array.from(v.read().dataSync() as Float32Array));
}

function assignVariables(vars: readonly { assign(t: tf.Tensor): void; shape: number[] }[], arrays: Float32Array[]): void {
  vars.forEach((v, i) => {
    const t = tf.tensor(arrays[i], v.shape, 'float32');
    v.assign(t);
    t.dispose();
  });
}

export const nativeEngine: EngineFactory = {
  name: 'native',

  async plan(request: TrainRequest): Promise<TrainingEngine | string> {
    const status = loadAddon();
    if (!status.available) return status.reason;
    const plan = planNativeModel(request.model, status.info.layerKinds);
    if (typeof plan === 'string') return plan;
    const optimizer = describeOptimizer(request.optimizer);
    if (typeof optimizer === 'string') return optimizer;
    const rule = hostRule(request.optimizer);
    if (!rule && optimizer.iterations > 0) return `the optimizer's state (${optimizer.iterations} steps) cannot be read by the native engine`;
    const { addon, info } = status;
    const handle = addon.createModel({
      input: plan.input,
      layers: plan.layers,
      maxBatch: request.maxBatch,
      loss: request.loss,
      optimizer,
      threads: request.threads ?? 0,
      seed: request.seed,
      classWeight: request.classWeight,
    });
    try {
      const engine = new NativeTrainingEngine(addon, handle, plan, request, rule, engineInfo(info, addon.modelInfo(handle).threads));
      await engine.init();
      return engine;
    } catch (e) {
      addon.disposeModel(handle);
      throw e;
    }
  },

  predictor(model: tf.LayersModel, maxBatch: number): Predictor | string {
    const status = loadAddon();
    if (!status.available) return status.reason;
    const plan = planNativeModel(model, status.info.layerKinds);
    if (typeof plan === 'string') return plan;
    const { addon, info } = status;
    const handle = addon.createModel({ input: plan.input, layers: plan.layers, maxBatch });
    addon.loadWeights(handle, readVariables(plan.weights));
    const outputs = shapeSize((model.outputs[0].shape.slice(1) as number[]) ?? [1]);
    return handlePredictor(addon, handle, engineInfo(info, addon.modelInfo(handle).threads), shapeSize(plan.input), outputs, () => addon.disposeModel(handle));
  },
};

/** A Predictor over a native model handle: `n` samples of `sampleSize` in, `n × outputs` out. */
function handlePredictor(
  addon: NativeAddon,
  handle: NativeModelHandle,
  info: EngineInfo,
  sampleSize: number,
  outputs: number,
  dispose: () => void,
  alive = () => true,
): Predictor {
  return {
    info,
    predict(x: Float32Array, n: number, out: Float32Array): void {
      if (!alive()) throw new Error('the native training engine was disposed');
      addon.predict(handle, x.subarray(0, n * sampleSize), out.subarray(0, n * outputs));
    },
    dispose,
  };
}

/** The part of nnlab's optimizers' host update rule (core's optimizer-state.ts) the engine uses: slots and the step count. */
interface Rule {
  slots(index: number, value: tf.Variable): tf.Variable[];
  beginStep(): void;
  endStep(): void;
}

function hostRule(optimizer: tf.Optimizer): Rule | null {
  const o = optimizer as unknown as { hostUpdateRule?: () => Rule | null };
  return typeof o.hostUpdateRule === 'function' ? o.hostUpdateRule() : null;
}

class NativeTrainingEngine implements TrainingEngine {
  private readonly out = new Float64Array(2);
  private readonly trainable: tf.LayerVariable[];
  private slotVars: tf.Variable[][] = [];
  private stepsSinceSync = 0;
  private disposed = false;

  constructor(
    private readonly addon: NativeAddon,
    private readonly handle: NativeModelHandle,
    private readonly plan: NativeModelPlan,
    private readonly request: TrainRequest,
    private readonly rule: Rule | null,
    readonly info: EngineInfo,
  ) {
    this.trainable = plan.weights.filter((w) => w.trainable);
  }

  /** Weights, optimizer slots and the whole training set into the addon. */
  async init(): Promise<void> {
    const { addon, handle, request } = this;
    addon.loadWeights(handle, readVariables(this.plan.weights));
    const per = addon.modelInfo(handle).slotsPerWeight;
    if (this.rule && per > 0) {
      // Slot variables in the optimizer's own order (index = position among the trainable weights).
      const order = request.model.trainableWeights.map((w) => w.originalName);
      this.slotVars = this.trainable.map((w) => this.rule!.slots(order.indexOf(w.originalName), w.read() as tf.Variable));
      if (this.slotVars.every((s) => s.length === per))
        addon.loadSlots(
          handle,
          this.slotVars.flat().map((s) => Float32Array.from(s.dataSync() as Float32Array)),
        );
      else this.slotVars = [];
    }
    const { train } = request;
    const x = new Float32Array(train.size * shapeSize(train.sampleShape));
    const y = new Float32Array(train.size * shapeSize(train.targetShape));
    await train.read(range(train.size), x, y);
    addon.setData(handle, x, y);
  }

  step(indices: Int32Array): StepOutcome {
    this.addon.trainStep(this.handle, indices, this.out);
    this.stepsSinceSync++;
    return { loss: this.out[0], hits: this.out[1] };
  }

  sync(): void {
    if (this.disposed) return;
    const { addon, handle } = this;
    const weights = this.plan.weights.map((w) => new Float32Array(shapeSize(w.shape as number[])));
    addon.storeWeights(handle, weights);
    assignVariables(
      this.plan.weights.map((w) => w.read() as tf.Variable),
      weights,
    );
    if (this.slotVars.length) {
      const slots = this.slotVars.flat();
      const arrays = slots.map((s) => new Float32Array(s.size));
      addon.storeSlots(handle, arrays);
      assignVariables(slots, arrays);
    }
    if (this.rule) {
      for (; this.stepsSinceSync > 0; this.stepsSinceSync--) {
        this.rule.beginStep();
        this.rule.endStep();
      }
    }
    this.stepsSinceSync = 0;
  }

  /**
   * Validation on the training model itself: its buffers and primitives already exist (a separate
   * inference model would rebuild every primitive and allocate activations for the evaluation
   * batch each epoch), and its weights are the current ones. Inference mode: dropout off,
   * batch normalization on its moving statistics.
   */
  predictor(): Predictor {
    const { train } = this.request;
    return handlePredictor(
      this.addon,
      this.handle,
      this.info,
      shapeSize(train.sampleShape),
      shapeSize(train.targetShape),
      () => {},
      () => !this.disposed,
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.addon.disposeModel(this.handle);
  }
}
