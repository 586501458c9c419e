/**
 * An experiment, resolved and checked before anything loads or trains: which architecture (a zoo
 * model with its knobs, or any spec), on which dataset, with which input pipeline and training
 * settings (flags over the spec's training block over the dataset's course settings). Every
 * problem — an impossible shape, outputs that do not match the classes, a bad setting — is thrown
 * here, so a sweep can check its whole grid first.
 */
import { resolveOptimizerConfig, type LossName, type OptimizerOptions, type ResolvedOptimizerConfig } from '@nnlab/core';
import { COURSE_HOG_OPTIONS, hogFeatureLength, resolveHogOptions, type HogOptions } from '@nnlab/features-hog';
import {
  SpecError,
  analyzeSpec,
  getZooEntry,
  inputRankOf,
  withInput,
  type ModelId,
  type ModelInput,
  type ModelSpec,
  type SpecAnalysis,
  type ZooArgs,
} from '@nnlab/models';
import { datasetDefaults, datasetForInput, getDataset, type DatasetDescriptor } from './datasets';
import { ExperimentOptionError } from './errors';
import { inputPipelineFor, type InputPipeline } from './input-pipeline';

/** What to run. Unset fields take the spec's training block, then the dataset's course settings. */
export interface ExperimentRequest {
  /** A zoo model by id (knobs in `args`)… */
  zoo?: string;
  args?: Omit<ZooArgs, 'seed'>;
  /** …or any spec. */
  spec?: ModelSpec;
  /** Dataset name (default: the zoo model's; required with a spec). */
  dataset?: string;
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
  /** Optimizer name and settings; settings without a name apply to the spec's optimizer. */
  optimizer?: Partial<OptimizerOptions>;
  loss?: LossName;
  /** Balanced class weights (default: the spec's, then the dataset's). */
  classWeights?: boolean;
  seed?: number;
  /** First N training images (and ⌈N/6⌉ MNIST test images). */
  limit?: number;
  /** Validation = a stratified fraction of the training set. */
  valFromTrain?: number;
  /** HOG parameters (mnist-hog; default the course's). */
  hog?: HogOptions;
  /** Parameter budget (default: analyzeSpec's). */
  maxParams?: number;
}

/** Training settings, resolved. */
export interface ResolvedTraining {
  epochs: number;
  batchSize: number;
  validationSplit: number;
  optimizer: ResolvedOptimizerConfig;
  loss: LossName;
  classWeights: boolean;
}

/** A checked experiment. */
export interface ExperimentPlan {
  /** Name in records and tables: the zoo id, the spec's name, or `custom`. */
  model: string;
  zooId?: ModelId;
  /** Zoo knobs applied (zoo models). */
  args: ZooArgs;
  dataset: DatasetDescriptor;
  /** The architecture with its input shape, and the training settings used as its training block. */
  spec: ModelSpec;
  analysis: SpecAnalysis;
  pipeline: InputPipeline;
  training: ResolvedTraining;
  seed: number;
  limit?: number;
  valFromTrain?: number;
}

const MNIST_SIDE = 28;
const DEFAULT_XRAY_SIDE = 128;
const shapeText = (s: readonly number[]) => s.join('×');

function positiveInt(name: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new ExperimentOptionError(`${name} must be a positive integer, got ${v}`);
}

/** The input kind and image side a dataset gives a spec, by the spec's input rank. */
function inputFor(
  dataset: DatasetDescriptor,
  spec: ModelSpec,
  hog: HogOptions | undefined,
): { input: ModelInput; shape: number[]; imageSize?: number; hogLength?: number } {
  const rank = inputRankOf(spec);
  const image = (defaultSide: number) => {
    const shape = spec.input ?? [defaultSide, defaultSide, 1];
    if (shape[0] !== shape[1] || shape[2] !== 1) {
      throw new SpecError(`the ${dataset.name} dataset gives square grayscale images (N×N×1); the spec's input is ${shapeText(shape)}`);
    }
    return shape;
  };
  switch (dataset.name) {
    case 'mnist':
      if (rank === 3) {
        const shape = image(MNIST_SIDE);
        return { input: 'mnist-image', shape, imageSize: shape[0] };
      }
      return { input: 'mnist-pixels', shape: [MNIST_SIDE * MNIST_SIDE] };
    case 'mnist-hog': {
      if (rank === 3)
        throw new SpecError(
          `the mnist-hog dataset gives HOG feature vectors; the spec reads images (${shapeText(spec.input ?? (['h', 'w', 'c'] as never))}): use the mnist dataset`,
        );
      const length = hogFeatureLength(MNIST_SIDE, MNIST_SIDE, resolveHogOptions({ ...COURSE_HOG_OPTIONS, ...hog }));
      return { input: 'mnist-hog', shape: [length], hogLength: length };
    }
    case 'pneumonia': {
      if (rank === 1)
        throw new SpecError(
          `the pneumonia dataset gives images; the spec reads vectors (${shapeText(spec.input ?? [])}): give an image input such as input(128x128x1)`,
        );
      const shape = image(DEFAULT_XRAY_SIDE);
      return { input: 'xray-image', shape, imageSize: shape[0] };
    }
  }
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Resolves and checks an experiment; throws `SpecError` or `ExperimentOptionError` naming the problem. */
export function planExperiment(req: ExperimentRequest): ExperimentPlan {
  if (!req.zoo === !req.spec) throw new ExperimentOptionError('an experiment needs either a zoo model or a spec');
  positiveInt('epochs', req.epochs);
  positiveInt('batch size', req.batchSize);
  positiveInt('limit', req.limit);
  if (req.validationSplit !== undefined && !(req.validationSplit >= 0 && req.validationSplit < 1)) {
    throw new ExperimentOptionError(`validation split must be in [0, 1), got ${req.validationSplit}`);
  }
  if (req.valFromTrain !== undefined && !(req.valFromTrain > 0 && req.valFromTrain < 1)) {
    throw new ExperimentOptionError(`val-from-train must be in (0, 1), got ${req.valFromTrain}`);
  }
  const seed = req.seed ?? 0;
  const entry = req.zoo ? getZooEntry(req.zoo) : undefined;
  const dataset = req.dataset ? getDataset(req.dataset) : entry ? datasetForInput(entry.input) : undefined;
  if (!dataset) throw new ExperimentOptionError('a spec needs a dataset: mnist, mnist-hog or pneumonia');

  const args: ZooArgs = { ...definedOnly(req.args) };
  let spec: ModelSpec;
  if (entry) {
    const probe = inputFor(dataset, entry.spec, req.hog);
    // mlp-hog reads as many features as the HOG parameters give.
    if (probe.hogLength !== undefined && args.inputSize === undefined && probe.hogLength !== entry.spec.input?.[0]) args.inputSize = probe.hogLength;
    spec = entry.specFor(args);
  } else {
    spec = req.spec!;
  }
  const { input, shape, imageSize } = inputFor(dataset, spec, req.hog);
  spec = withInput(spec, shape);
  const classes = dataset.classNames.length;
  const analysis = analyzeSpec(spec, { classes, maxParams: req.maxParams });
  const outputs = analysis.outputShape[analysis.outputShape.length - 1];
  if (dataset.task === 'binary' && outputs !== 1) {
    const last = spec.layers.length - 1;
    throw new SpecError(`the ${dataset.name} dataset has 2 classes and one 0/1 target: end with dense(1,sigmoid)`, {
      layer: last,
      text: analysis.layers[last].text,
    });
  }

  const defaults = datasetDefaults(dataset);
  const t = spec.training ?? {};
  const specOptimizer: Partial<OptimizerOptions> = t.optimizer ?? { name: defaults.optimizer };
  const asked = definedOnly(req.optimizer);
  const optimizer = resolveOptimizerConfig((asked.name && asked.name !== specOptimizer.name ? asked : { ...specOptimizer, ...asked }) as OptimizerOptions);
  const specWeights = t.classWeights;
  if (Array.isArray(specWeights))
    throw new ExperimentOptionError('per-class weights lists in a spec are not supported by the pipeline; use classWeights: true');
  const training: ResolvedTraining = {
    epochs: req.epochs ?? t.epochs ?? defaults.epochs,
    batchSize: req.batchSize ?? t.batchSize ?? defaults.batchSize,
    validationSplit: req.validationSplit ?? t.validationSplit ?? defaults.validationSplit,
    optimizer,
    loss: req.loss ?? t.loss ?? (outputs === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy'),
    classWeights: req.classWeights ?? specWeights ?? defaults.classWeights,
  };
  positiveInt('epochs', training.epochs);
  positiveInt('batch size', training.batchSize);
  const pipeline = inputPipelineFor({ id: entry?.id ?? spec.name ?? 'custom', input }, { imageSize, hog: req.hog });
  const model = entry?.id ?? spec.name ?? 'custom';
  const fullSpec: ModelSpec = { ...spec, ...(spec.name ? {} : { name: model }), training: { ...training, optimizer: { ...training.optimizer } } };
  return {
    model,
    zooId: entry?.id,
    args: { ...args, seed },
    dataset,
    spec: fullSpec,
    analysis,
    pipeline,
    training,
    seed,
    limit: req.limit,
    valFromTrain: req.valFromTrain,
  };
}
