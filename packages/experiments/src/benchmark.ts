/**
 * Training and inference throughput of a zoo model on the active backend, measured through the
 * same training loop users run (`fit`: batch copy, optimizer step, loss read-back), on fixed-shape
 * random data; optionally the per-kernel profile of one training step.
 */
import * as tf from '@tensorflow/tfjs';
import {
  arrayDataset,
  choosePredictor,
  createFusedDenseTrainer,
  createOptimizer,
  createRng,
  fit,
  getLoss,
  type EngineChoice,
  type EngineInfo,
  type StepEngine,
} from '@nnlab/core';
import { getZooEntry, type CourseSettings, type ZooArgs } from '@nnlab/models';

/** Options of `benchmarkModel`. */
export interface BenchmarkOptions {
  /** Default: the course batch size of the model. */
  batchSize?: number;
  /** Untimed steps first (kernel compilation, allocation). Default 5 (as the PyTorch reference). */
  warmupSteps?: number;
  /** Timed training steps. Default: sized to the model (about a second of work on wasm). */
  steps?: number;
  /** Timed inference batches. Default: same as steps. */
  inferSteps?: number;
  /** Also profile one training step per kernel. */
  profile?: boolean;
  /** Builder arguments (e.g. imageSize). */
  args?: ZooArgs;
  /** Training engine (`fit`'s rule; default 'auto'); inference runs on the same choice. */
  engine?: EngineChoice;
}

/** One kernel's share of a profiled step. */
export interface KernelTime {
  name: string;
  ms: number;
  calls: number;
}

/** What `benchmarkModel` measures. */
export interface BenchmarkResult {
  model: string;
  backend: string;
  batchSize: number;
  steps: number;
  trainSamplesPerSecond: number;
  trainMsPerStep: number;
  inferSamplesPerSecond: number;
  inferMsPerBatch: number;
  /** Forward FLOPs per sample (multiply–adds × 2). */
  forwardFlopsPerSample: number;
  /** Effective training GFLOP/s, counting a training step as 3 × forward. */
  trainGflops: number;
  inferGflops: number;
  /** How `fit` ran the steps: the native engine, nnlab's fused dense trainer or tfjs' kernels. */
  stepEngine: StepEngine;
  /** The training engine with its threads and ISA where known. */
  engine: EngineInfo;
  /** The engine of the inference timing ('tfjs' = the backend's own predict). */
  inferEngine: EngineInfo;
  /**
   * Where one training step's time goes: tfjs kernels (tfjs profiler) or, for the fused dense
   * trainer, its phases (ms per step averaged over the timed steps).
   */
  profile?: KernelTime[];
}

// About 0.2–2 s of timed work per model: shorter runs under-measure (the first hundred steps still
// include V8's tier-up of the wasm loops; measured: cnn-mnist 10.1k samples/s over 30 steps,
// 11.5k over 300).
const DEFAULT_STEPS: Record<string, number> = { 'mlp-raw': 400, 'mlp-hog': 400, 'cnn-mnist': 150, 'cnn-pneumonia': 8 };

/** Forward FLOPs per sample of a Sequential of Dense / Conv2D / pooling layers. */
export function forwardFlops(model: tf.LayersModel): number {
  let flops = 0;
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    const out = layer.outputShape as (number | null)[];
    const weights = layer.getWeights();
    if (cls === 'Dense') {
      const [inUnits, units] = weights[0].shape;
      flops += 2 * inUnits * units;
    } else if (cls === 'Conv2D') {
      const [kh, kw, cin, cout] = weights[0].shape;
      flops += 2 * kh * kw * cin * cout * (out[1] ?? 1) * (out[2] ?? 1);
    }
  }
  return flops;
}

/** Benchmarks one zoo model on the active tfjs backend. */
export async function benchmarkModel(id: string, options: BenchmarkOptions = {}): Promise<BenchmarkResult> {
  const entry = getZooEntry(id);
  const batchSize = options.batchSize ?? entry.course.batchSize;
  const warmup = Math.max(1, options.warmupSteps ?? 5);
  const steps = options.steps ?? DEFAULT_STEPS[id] ?? 20;
  const inferSteps = options.inferSteps ?? steps;
  const model = entry.build({ seed: 1, ...options.args });
  const sampleShape = (model.inputs[0].shape as number[]).slice(1);
  const outputs = (model.outputs[0].shape as number[])[1];
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  const total = batchSize * (warmup + steps);
  const rng = createRng(7);
  const x = new Float32Array(total * sampleSize);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const numClasses = outputs === 1 ? 2 : outputs;
  const labels = Uint8Array.from({ length: total }, (_, i) => i % numClasses);
  const data = arrayDataset({ x, sampleShape, labels, numClasses });

  let tStart = 0;
  let tEnd = 0;
  const fitted = await fit(model, data, {
    epochs: 1,
    batchSize,
    shuffle: false,
    optimizer: entry.course.optimizer,
    loss: entry.course.loss,
    engine: options.engine,
    onEvent: (e) => {
      if (e.type === 'batch-end' && e.batch === warmup - 1) tStart = performance.now();
      if (e.type === 'batch-end' && e.batch === warmup + steps - 1) tEnd = performance.now();
    },
  });
  const trainSeconds = (tEnd - tStart) / 1000;

  const xb = tf.tensor(x.subarray(0, batchSize * sampleSize), [batchSize, ...sampleShape]);
  // Inference on the engine the same choice picks (native when it runs the model, else tfjs).
  const { predictor } = choosePredictor(options.engine === 'wasm' ? 'tfjs' : (options.engine ?? 'auto'), model, batchSize);
  const out = new Float32Array(batchSize * outputs);
  const inferOnce = async () => {
    if (predictor) {
      predictor.predict(x, batchSize, out);
      return;
    }
    const p = model.predict(xb) as tf.Tensor;
    await p.data();
    p.dispose();
  };
  for (let i = 0; i < Math.max(1, warmup); i++) await inferOnce();
  const i0 = performance.now();
  for (let i = 0; i < inferSteps; i++) await inferOnce();
  const inferSeconds = (performance.now() - i0) / 1000;
  const inferEngine = predictor?.info ?? { name: 'tfjs' as const };
  predictor?.dispose();

  let profile: KernelTime[] | undefined;
  if (options.profile && fitted.stepEngine !== 'native') {
    profile =
      fitted.stepEngine === 'fused-dense'
        ? profileFusedStep(model, x, labels, numClasses, batchSize, steps, entry.course)
        : await profileStep(model, xb, labels.subarray(0, batchSize), numClasses, entry.course);
  }
  xb.dispose();
  const flops = forwardFlops(model);
  model.dispose();
  const trainRate = (steps * batchSize) / trainSeconds;
  const inferRate = (inferSteps * batchSize) / inferSeconds;
  return {
    model: id,
    backend: tf.getBackend(),
    batchSize,
    steps,
    trainSamplesPerSecond: trainRate,
    trainMsPerStep: (1000 * trainSeconds) / steps,
    inferSamplesPerSecond: inferRate,
    inferMsPerBatch: (1000 * inferSeconds) / inferSteps,
    forwardFlopsPerSample: flops,
    trainGflops: (trainRate * 3 * flops) / 1e9,
    inferGflops: (inferRate * flops) / 1e9,
    stepEngine: fitted.stepEngine,
    engine: fitted.engine,
    inferEngine,
    profile,
  };
}

/** Phases of the fused dense trainer's step, ms per step over `steps` steps, largest first. */
function profileFusedStep(
  model: tf.LayersModel,
  x: Float32Array,
  labels: Uint8Array,
  numClasses: number,
  batchSize: number,
  steps: number,
  course: CourseSettings,
): KernelTime[] {
  const trainer = createFusedDenseTrainer(model, createOptimizer(course.optimizer), course.loss, batchSize, { profile: true });
  if (!trainer) throw new Error('benchmark: fit used the fused dense trainer, but it is not available for profiling');
  const sampleSize = x.length / labels.length;
  const outputs = numClasses > 2 ? numClasses : 1;
  const y = new Float32Array(batchSize * outputs);
  for (let i = 0; i < batchSize; i++) {
    if (outputs === 1) y[i] = labels[i];
    else y[i * outputs + labels[i]] = 1;
  }
  const predictions = new Float32Array(batchSize * outputs);
  try {
    for (let s = 0; s < steps; s++) trainer.step(x.subarray(0, batchSize * sampleSize), y, undefined, batchSize, predictions);
    return trainer.phaseTimes().map((p) => ({ name: `fused: ${p.name}`, ms: p.ms / steps, calls: p.calls / steps }));
  } finally {
    trainer.dispose();
  }
}

/** Training steps the tfjs profile averages. */
export const PROFILED_STEPS = 5;

/** Per-kernel times of one training step (tfjs profiler, mean of PROFILED_STEPS steps), largest first. */
async function profileStep(model: tf.LayersModel, xb: tf.Tensor, labels: Uint8Array, numClasses: number, course: CourseSettings): Promise<KernelTime[]> {
  const lossFn = getLoss(course.loss);
  const y = numClasses > 2 ? tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), numClasses).toFloat() : tf.tensor2d(Array.from(labels), [labels.length, 1]);
  // The course optimizer, so its update kernels are part of the step as in training.
  const opt = createOptimizer(course.optimizer);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const byName = new Map<string, KernelTime>();
  // One step's kernel times move by tens of percent (timer resolution, GC, caches): average a few.
  const runs = PROFILED_STEPS;
  for (let r = 0; r < runs; r++) {
    const info = await tf.profile(async () => {
      const loss = opt.minimize(() => tf.mean(lossFn(y, model.apply(xb, { training: true }) as tf.Tensor)) as tf.Scalar, true, vars);
      await loss?.data();
      loss?.dispose();
    });
    for (const k of info.kernels) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const cur = byName.get(k.name) ?? { name: k.name, ms: 0, calls: 0 };
      cur.ms += ms / runs;
      cur.calls += 1 / runs;
      byName.set(k.name, cur);
    }
  }
  y.dispose();
  opt.dispose();
  return [...byName.values()].sort((a, b) => b.ms - a.ms);
}
