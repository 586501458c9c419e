/**
 * @nnlab/experiments — the experiment pipeline shared by the CLI and the web app: data source →
 * features (HOG) → model → `fit` → evaluation → run record. Browser-safe; the Node-only parts
 * (files, workers, run folders) are in `@nnlab/experiments/node`.
 *
 * Groups: experiments · datasets and sources · features · input pipelines · evaluation · run records ·
 * benchmarks · errors.
 */

// Experiments: plan (checked before anything runs), run, and their parts
export { planExperiment } from './experiment-plan';
export type { ExperimentPlan, ExperimentRequest, ResolvedTraining } from './experiment-plan';
export { loadExperimentData, loadSource, runExperiment, startRecord } from './run-experiment';
export type { ExperimentHooks, ExperimentHost, ExperimentResult } from './run-experiment';
export { prepareTrainingData } from './training-data';
export type { PrepareDataOptions, TrainingData } from './training-data';

// What a saved model is: run record, then its metadata, then (older models) its shapes
export { experimentMetadata, identifySavedModel, zooIdFromShapes } from './saved-model';
export type { IdentitySource, SavedModelIdentity } from './saved-model';

// Datasets by name (class names defined once) and where their images come from
export { DATASET_NAMES, DIGIT_CLASS_NAMES, XRAY_CLASS_NAMES, datasetDefaults, datasetForInput, getDataset, listDatasets } from './datasets';
export type { DatasetDescriptor, DatasetName } from './datasets';
export { bytesDataSource, isInMemorySplit } from './data-source';
export type { DataBytes, DataSource, SourceData, SourceSplit, SplitLimit, StreamedImageSplit, XraySourceOptions } from './data-source';

// Features: HOG of image splits
export { HOG_CHUNK_IMAGES, hogFeaturesInChunks } from './hog-features';
export type { HogComputer, HogFeatures, HogRequest } from './hog-features';

// Data for the MNIST models
export { MNIST_CLASSES, featureDataset, imageDataset, mnistPixelDataset, pixelLayoutFor } from './mnist-data';
export type { ImageDatasetOptions, ImageSplit } from './mnist-data';

// Input pipelines: one image → one model input (CLI predict and the web app)
export { inputPipelineFor, prepareImage } from './input-pipeline';
export type { InputPipeline, InputPipelineOptions, PrepareImageOptions } from './input-pipeline';

// MNIST-style digit normalisation (drawings, photos)
export { centerDigit, resizeArea } from './center-digit';
export type { CenterDigitOptions } from './center-digit';

// Metrics of an evaluation pass
export { evaluationMetrics, isBinaryEvaluation, mostConfidentMistakes } from './evaluation-metrics';
export type { EvaluationMetricsOptions } from './evaluation-metrics';

// Run records (versioned JSON)
export { RUN_RECORD_SCHEMA_VERSION, isRunRecord, makeRunId } from './run-record';
export { engineLabel, engineShort } from './engine-label';
export { checkRunRecord } from './run-record-schema';
export type { RunRecordCheck } from './run-record-schema';
export type { BinaryEvaluation, ClassBalance, MulticlassEvaluation, RunConfig, RunDataFile, RunRecord, RunStatus, RunStore } from './run-record';

// Benchmarks (throughput, effective GFLOP/s, kernel profile)
export { PROFILED_STEPS, benchmarkModel, forwardFlops } from './benchmark';
export type { BenchmarkOptions, BenchmarkResult, KernelTime } from './benchmark';

// One file per trained model: its tfjs files and run record (web export, `runs import`, `predict`)
export { MODEL_BUNDLE_EXTENSION, MODEL_BUNDLE_FORMAT, MODEL_BUNDLE_VERSION, isModelBundleText, readModelBundle, writeModelBundle } from './model-bundle';
export type { ModelBundle } from './model-bundle';

// Errors
export { ExperimentOptionError } from './errors';
