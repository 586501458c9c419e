/**
 * Training engines: the ways `fit` can compute a training step. Each engine plans a model (or says
 * why it cannot train it), trains one step at a time, writes the weights it holds back into the
 * model's tfjs variables, and frees what it allocated. `choose-engine.ts` holds the one rule that
 * picks an engine; `registry.ts` the engines known in this process (tfjs and fused-dense built
 * in; @nnlab/native/node adds the native one from outside core).
 */
import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../dataset';
import type { LossName } from '../losses';

/** Engines that can run a training step. */
export type EngineName = 'native' | 'fused-dense' | 'tfjs';
export const ENGINE_NAMES: readonly EngineName[] = ['native', 'fused-dense', 'tfjs'];

/** What a user asks for: 'auto' (the rule), 'native', 'wasm' (fused-dense, else tfjs' kernels), 'tfjs'. */
export type EngineChoice = 'auto' | 'native' | 'wasm' | 'tfjs';
export const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'native', 'wasm', 'tfjs'];

/** What ran, for events and records. */
export interface EngineInfo {
  name: EngineName;
  /** CPU threads the engine computes with, where it knows them. */
  threads?: number;
  /** Instruction set the engine dispatched to (native: oneDNN's effective ISA). */
  isa?: string;
  /** Library and version behind the engine (native: 'oneDNN 2.6.3'). */
  library?: string;
}

/** An engine that was skipped, and why. */
export interface EngineFallback {
  engine: EngineName;
  reason: string;
}

/** Everything an engine plans a fit from. */
export interface TrainRequest {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  loss: LossName;
  train: Dataset;
  /** Largest batch a step gets. */
  maxBatch: number;
  classWeight?: readonly number[];
  seed: number;
  /** Threads asked for (engines that pick their own count use it instead of their rule). */
  threads?: number;
}

/** One step's results. */
export interface StepOutcome {
  /** Batch loss (weighted mean). */
  loss: number;
  /** Correctly classified samples of the batch. */
  hits: number;
}

/** An engine planned for one fit. */
export interface TrainingEngine {
  readonly info: EngineInfo;
  /** One optimizer step on the training samples at `indices`. */
  step(indices: Int32Array): StepOutcome | Promise<StepOutcome>;
  /** Writes weights (and optimizer slots) the engine holds back into the tfjs variables. */
  sync(): void | Promise<void>;
  /** Frees the engine's memory (the model stays). */
  dispose(): void;
  /**
   * Runs the model forward on the weights the engine holds now, without a sync and without
   * building anything (fit's validation pass after every epoch). Owned by the engine: its
   * `dispose` does nothing, and it is invalid once the engine is disposed. Absent: validation
   * builds an inference engine from the tfjs model.
   */
  predictor?(): Predictor;
}

/** Runs a model forward on plain arrays (inference engines for `evaluateModel`/predict). */
export interface Predictor {
  readonly info: EngineInfo;
  /** out [n, outputs] ← model(x [n, ...sampleShape]). */
  predict(x: Float32Array, n: number, out: Float32Array): void;
  dispose(): void;
}

/** An engine kind, as registered. */
export interface EngineFactory {
  readonly name: EngineName;
  /** The engine for `request`, or why it cannot train it. */
  plan(request: TrainRequest): TrainingEngine | string | Promise<TrainingEngine | string>;
  /** A forward-only runner for `model` on the current weights, or why not (absent: tfjs runs inference). */
  predictor?(model: tf.LayersModel, maxBatch: number): Predictor | string;
}
