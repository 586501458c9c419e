/**
 * The hyperparameters of a browser training run — the same knobs as `nnlab train` — with the
 * course's values as defaults, parsed from the form's strings with one-line errors.
 */
import { OPTIMIZER_NAMES, type OptimizerName } from '@nnlab/core';
import { HIDDEN_ACTIVATIONS, MODEL_IDS, getZooEntry, type HiddenActivation, type ModelId, type ModelSpec, type ZooEntry } from '@nnlab/models';

/** One run's settings. Optional fields left undefined take the course's value. */
export interface TrainSettings {
  zooId: ModelId;
  epochs: number;
  batchSize: number;
  optimizer: OptimizerName;
  /** Undefined: the optimizer's Keras default. */
  learningRate?: number;
  /** Hidden dense units; undefined: the course's. */
  hidden?: number[];
  /** Hidden activation (MLPs); undefined: relu. */
  activation?: HiddenActivation;
  /** Square input side (CNNs); undefined: the course's. */
  imageSize?: number;
  /** First N training images; undefined: all. */
  limit?: number;
  /** Keras validation_split (MNIST models). */
  validationSplit: number;
  seed: number;
  /** An architecture from the editor: trained on the data of `zooId` instead of the zoo model (hidden, activation and image size then do not apply). */
  spec?: ModelSpec;
}

/** The form's raw values, by field name. */
export type TrainFormValues = Partial<Record<keyof TrainSettings, string>>;

/** Thrown for a value the form cannot accept; `field` names the input. */
export class SettingsError extends Error {
  constructor(
    readonly field: keyof TrainSettings,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** True when the model reads images of a chosen size (the CNNs). */
export function hasImageSize(entry: ZooEntry): boolean {
  return entry.input === 'mnist-image' || entry.input === 'xray-image';
}

/** True when the model has a hidden activation to choose (the MLPs). */
export function hasActivation(entry: ZooEntry): boolean {
  return entry.input === 'mnist-pixels' || entry.input === 'mnist-hog';
}

/** True when the data has its own validation split (PneumoniaMNIST). */
export function hasOwnValidation(entry: ZooEntry): boolean {
  return entry.input === 'xray-image';
}

/** Default square side of the CNNs (the course's). */
export function courseImageSize(entry: ZooEntry): number | undefined {
  if (entry.input === 'mnist-image') return 28;
  if (entry.input === 'xray-image') return 128;
  return undefined;
}

/** The course's settings for `zooId`. */
export function courseSettings(zooId: ModelId): TrainSettings {
  const entry = getZooEntry(zooId);
  const c = entry.course;
  return { zooId, epochs: c.epochs, batchSize: c.batchSize, optimizer: c.optimizer, validationSplit: c.validationSplit, seed: 0 };
}

function int(field: keyof TrainSettings, raw: string | undefined, min: number, max: number): number | undefined {
  const s = (raw ?? '').trim();
  if (s === '') return undefined;
  const v = Number(s);
  if (!(Number.isInteger(v) && v >= min && v <= max)) throw new SettingsError(field, `${field} must be an integer in ${min}..${max}, got '${s}'`);
  return v;
}

function float(field: keyof TrainSettings, raw: string | undefined, min: number, max: number, exclusiveMax = false): number | undefined {
  const s = (raw ?? '').trim();
  if (s === '') return undefined;
  const v = Number(s);
  if (!(Number.isFinite(v) && v >= min && (exclusiveMax ? v < max : v <= max))) {
    throw new SettingsError(field, `${field} must be a number in [${min}, ${max}${exclusiveMax ? ')' : ']'}, got '${s}'`);
  }
  return v;
}

/** Parses the form's values; empty fields take the course's values. */
export function parseTrainSettings(values: TrainFormValues): TrainSettings {
  const zooId = values.zooId as ModelId;
  if (!MODEL_IDS.includes(zooId)) throw new SettingsError('zooId', `unknown model '${values.zooId}'`);
  const entry = getZooEntry(zooId);
  const course = courseSettings(zooId);
  const optimizer = (values.optimizer?.trim() || course.optimizer) as OptimizerName;
  if (!OPTIMIZER_NAMES.includes(optimizer)) throw new SettingsError('optimizer', `optimizer must be one of ${OPTIMIZER_NAMES.join(', ')}`);
  let hidden: number[] | undefined;
  const hiddenRaw = values.hidden?.trim() ?? '';
  if (hiddenRaw !== '') {
    hidden = hiddenRaw.split(/[\s,]+/).map((u) => {
      const v = Number(u);
      if (!(Number.isInteger(v) && v >= 1 && v <= 4096))
        throw new SettingsError('hidden', `hidden units must be integers in 1..4096 separated by commas, got '${hiddenRaw}'`);
      return v;
    });
  }
  let activation: HiddenActivation | undefined;
  if (hasActivation(entry) && values.activation?.trim()) {
    activation = values.activation.trim() as HiddenActivation;
    if (!HIDDEN_ACTIVATIONS.includes(activation)) throw new SettingsError('activation', `activation must be one of ${HIDDEN_ACTIVATIONS.join(', ')}`);
  }
  const imageSize = hasImageSize(entry) ? int('imageSize', values.imageSize, entry.input === 'xray-image' ? 32 : 8, 512) : undefined;
  return {
    zooId,
    epochs: int('epochs', values.epochs, 1, 1000) ?? course.epochs,
    batchSize: int('batchSize', values.batchSize, 1, 65536) ?? course.batchSize,
    optimizer,
    learningRate: float('learningRate', values.learningRate, 0, 10),
    hidden,
    activation,
    imageSize,
    limit: int('limit', values.limit, 1, 1_000_000),
    validationSplit: hasOwnValidation(entry) ? 0 : (float('validationSplit', values.validationSplit, 0, 1, true) ?? course.validationSplit),
    seed: int('seed', values.seed, 0, 2 ** 31 - 1) ?? 0,
  };
}
