/**
 * @nnlab/models — model specs, the model zoo of the course, and Keras-style summaries.
 * Browser-safe.
 *
 * Groups: model specs · zoo · summaries · errors.
 */

// Model specs: format, text form, analysis, building, reading back, model.json metadata
export { ACTIVATIONS, DEFAULT_BATCHNORM, DEFAULT_CONV_PADDING, DEFAULT_POOL_PADDING, LAYER_TYPES, PADDINGS, SPEC_FORMAT, SPEC_VERSION } from './spec/types';
export type {
  Activation,
  ActivationSpec,
  BatchNormSpec,
  Conv2DSpec,
  DenseSpec,
  DropoutSpec,
  FlattenSpec,
  GlobalAvgPool2DSpec,
  LayerSpec,
  LayerType,
  ModelSpec,
  OptimizerSpec,
  Padding,
  Pool2DSpec,
  TrainingSpec,
} from './spec/types';
export { formatLayer, formatSpec, parseSpec } from './spec/format';
export { normalizeSpec } from './spec/normalize';
export { DEFAULT_MAX_PARAMS, analyzeSpec, inputRankOf, kerasLayerNames, withInput } from './spec/analyze';
export type { AnalyzeSpecOptions, LayerAnalysis, SpecAnalysis } from './spec/analyze';
export { buildModel } from './spec/build';
export type { BuildModelOptions } from './spec/build';
export { specOf } from './spec/spec-of';
export { METADATA_KEY, modelMetadata, readModelMetadata, setModelMetadata } from './spec/metadata';
export type { ModelMetadata } from './spec/metadata';

// The zoo: four specs with the course's settings, and their knobs
export { COURSE_HOG_LENGTH, MODEL_IDS, buildZooModel, getZooEntry, listZoo } from './model-zoo';
export type { CourseSettings, ModelId, ModelInput, ZooEntry } from './model-zoo';
export { ZOO_SPECS } from './zoo/zoo-specs';
export { HIDDEN_ACTIVATIONS, applyZooArgs } from './zoo/zoo-args';
export type { HiddenActivation, ZooArgs } from './zoo/zoo-args';

// Summaries (from a model, or from a spec without building it)
export { formatSummary, summarizeModel } from './summary';
export type { ModelSummary, SummaryRow } from './summary';

// Errors
export { ModelArgsError, SpecError, UnknownModelError } from './errors';
export type { SpecErrorLocation } from './errors';
