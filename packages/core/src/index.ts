/**
 * @nnlab/core — what every nnlab package shares. Browser-safe; Node-only parts are in
 * `@nnlab/core/node`.
 *
 * Groups: backends · randomness · data · optimizers & losses · training & evaluation ·
 * bytes · model files · wasm training kernels · errors.
 */

// Backends: registry, selection, browser loaders
export { BACKEND_NAMES, activeBackendName, backendPreferenceOrder, listBackends, setBackendLoaders, useBackend } from './backend-registry';
export type { ActiveBackend, BackendLoader, BackendName, BackendProbe, BackendStatus } from './backend-registry';
export { registerBrowserBackends } from './browser-backends';
export type { BrowserBackendOptions } from './browser-backends';

// Randomness
export { createRng, range, shuffleInPlace } from './random';
export type { Rng } from './random';

// Data the training loop consumes
export { arrayDataset, shapeSize, sliceDataset, splitTail, subsetDataset } from './dataset';
export type { ArrayDatasetOptions, Dataset } from './dataset';

// Optimizers and losses (Keras defaults)
export {
  KERAS_ADAM_DEFAULTS,
  KERAS_RMSPROP_DEFAULTS,
  KERAS_SGD_DEFAULTS,
  OPTIMIZER_FORMULAS,
  OPTIMIZER_NAMES,
  createOptimizer,
  resolveOptimizerConfig,
} from './optimizers';
export { KerasAdam } from './keras-adam';
export { KerasRMSprop } from './keras-rmsprop';
export type { OptimizerName, OptimizerOptions, ResolvedOptimizerConfig } from './optimizers';
export { LOSS_EPSILON, LOSS_FORMULAS, LOSS_NAMES, binaryCrossentropy, categoricalCrossentropy, getLoss, normaliseLossName } from './losses';
export type { LossName, PerSampleLoss } from './losses';

// Training and evaluation
export { DEFAULT_BATCH_SIZE, fit } from './fit';
export type { FitOptions, FitResult, StepEngine } from './fit';
export { createFusedDenseTrainer } from './engines/fused-dense/trainer';
export { fusedDenseSupport } from './engines/fused-dense/plan';
export type { FusedDensePhaseTime, FusedDenseTrainer, FusedDenseTrainerOptions } from './engines/fused-dense/trainer';
export { yieldToEventLoop } from './yield-to-event-loop';

// Training engines (one rule picks; @nnlab/native/node registers the native one)
export { ENGINE_CHOICES, ENGINE_NAMES } from './engines/engine';
export type {
  EngineChoice,
  EngineFactory,
  EngineFallback,
  EngineInfo,
  EngineName,
  Predictor,
  StepOutcome,
  TrainRequest,
  TrainingEngine,
} from './engines/engine';
export { ENGINE_RULE, checkEngineChoice, chooseEngine, choosePredictor } from './engines/choose-engine';
export type { EngineSelection } from './engines/choose-engine';
export { getEngine, registerEngine, registeredEngines } from './engines/registry';
export { DEFAULT_EVAL_BATCH_SIZE, evaluateModel } from './evaluate';
export type { EvaluateOptions, Evaluation } from './evaluate';
export type { EpochLogs, History, TrainEvent, TrainEventHandler } from './progress';

// Bytes: checksums (CRC-32 of gzip, zip and PNG), concatenation
export { crc32 } from './crc32';
export { concatBytes } from './bytes';

// Model files (tfjs LayersModel format)
export { WEIGHTS_FILE_NAME, filesToArtifacts, isSafeWeightPath, modelFromFiles, modelToFiles, parseModelJson } from './model-artifacts';
export type { ModelFiles, ParsedModelJson } from './model-artifacts';

// wasm training kernels (Conv2DBackpropFilter and faster replacements), from @nnlab/kernels-wasm
export { DEFAULT_REPLACE_SHIPPED, WASM_TRAINING_KERNELS, registerWasmTrainingKernels } from '@nnlab/kernels-wasm';
export type { RegisterWasmTrainingKernelsOptions, WasmTrainingKernel, WasmTrainingKernelKind, WasmTrainingKernelsReport } from '@nnlab/kernels-wasm';

// Errors
export { BackendUnavailableError, InterruptedError, InvalidOptionError, ModelFormatError, NnlabError, OutputPathError, TrainingError } from './errors';
