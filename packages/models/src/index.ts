/**
 * @nnlab/models — the model zoo of the course and Keras-style summaries. Browser-safe.
 *
 * Groups: zoo · builders · data · summaries · run records · errors.
 */

// The zoo
export { COURSE_HOG_LENGTH, MODEL_IDS, buildZooModel, getZooEntry, listZoo } from './model-zoo';
export type { CourseSettings, ModelId, ModelInput, ZooArgs, ZooEntry } from './model-zoo';

// Builders (Keras-like arguments)
export { DEFAULT_MLP_HIDDEN, HIDDEN_ACTIVATIONS, buildMlp } from './zoo/mlp';
export type { HiddenActivation, MlpOptions } from './zoo/mlp';
export { buildCnn } from './zoo/cnn';
export type { CnnOptions } from './zoo/cnn';

// Data for the MNIST models
export { MNIST_CLASSES, featureDataset, imageDataset, mnistPixelDataset, pixelLayoutFor } from './mnist-data';
export type { ImageDatasetOptions, ImageSplit } from './mnist-data';

// Metrics of an evaluation pass
export { evaluationMetrics, isBinaryEvaluation, mostConfidentMistakes } from './evaluation-metrics';
export type { EvaluationMetricsOptions } from './evaluation-metrics';

// Input pipelines: one image → one model input (CLI predict and the web app)
export { inputPipelineFor, prepareImage } from './input-pipeline';
export type { InputPipeline, InputPipelineOptions, PrepareImageOptions } from './input-pipeline';

// MNIST-style digit normalisation (drawings, photos)
export { centerDigit, resizeArea } from './center-digit';
export type { CenterDigitOptions } from './center-digit';

// Summaries
export { formatSummary, summarizeModel } from './summary';
export type { ModelSummary, SummaryRow } from './summary';

// Benchmarks (throughput, effective GFLOP/s, kernel profile)
export { PROFILED_STEPS, benchmarkModel, forwardFlops } from './benchmark';
export type { BenchmarkOptions, BenchmarkResult, KernelTime } from './benchmark';

// Run records (versioned JSON)
export { RUN_RECORD_SCHEMA_VERSION, isRunRecord, makeRunId } from './run-record';
export type {
  BinaryEvaluation,
  ClassBalance,
  MulticlassEvaluation,
  RunConfig,
  RunDataFile,
  RunRecord,
  RunStatus,
} from './run-record';

// Errors
export { ModelArgsError, UnknownModelError } from './errors';
