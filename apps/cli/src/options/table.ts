/**
 * The CLI's one option table: every option more than one command takes is defined here once —
 * its flag, value type and range (the parser), default and help — and commands pick from it by
 * name (`addOptions(cmd, ['epochs', 'json'])`). `sweep` takes the same options as comma lists
 * (`addOptions(cmd, […], { lists: true })`), checked by the same parser item by item. Training
 * options that only some models read say which (`models`); `refuseInapplicable` turns an option
 * given for another model into a usage error instead of recording a value nothing used.
 */
import { Option, type Command } from 'commander';
import { ENGINE_CHOICES, OPTIMIZER_NAMES } from '@nnlab/core';
import { HOG_BLOCK_NORMS } from '@nnlab/features-hog';
import { HIDDEN_ACTIVATIONS, MODEL_IDS, type ModelInput } from '@nnlab/models';
import { DATASET_NAMES } from '@nnlab/experiments';
import { WASM_THREADS_HELP } from '../training/wasm-threads-policy';
import { choice, float, int, layers, listOf, path, type Parser } from './parsers';

export const BACKEND_CHOICES = ['auto', 'wasm', 'cpu', 'webgpu', 'tensorflow'] as const;

/** One option as the table defines it. */
export interface OptionDef {
  /** Commander flags, e.g. `--epochs <n>`. */
  flags: string;
  help: string;
  /** Type and range check of one value (absent: a boolean switch). */
  parse?: Parser<unknown>;
  defaultValue?: unknown;
  /** The models (by what they read) the option applies to; absent: every model. */
  models?: readonly ModelInput[];
  /** Shown when the option is given for another model. */
  modelsText?: string;
  /** May be a comma list in `sweep`. */
  sweepable?: boolean;
  /** Given once per value (`--arch a --arch b`) where a list is asked for: its values contain commas. */
  repeatable?: boolean;
}

const HOG: Pick<OptionDef, 'models' | 'modelsText'> = { models: ['mnist-hog'], modelsText: 'mlp-hog (HOG features)' };

export const OPTIONS = {
  // output and bookkeeping
  json: { flags: '--json', help: 'machine output: one JSON value as the last line of stdout, no progress lines' },
  runsDir: {
    flags: '--runs-dir <dir>',
    help: 'folder of run records (default: NNLAB_RUNS_DIR, else ./runs)',
    parse: path('--runs-dir'),
  },
  record: { flags: '--no-record', help: 'do not write a run record' },
  // where it runs
  backend: { flags: '--backend <name>', help: 'tfjs backend (auto: wasm in Node)', parse: choice('--backend', BACKEND_CHOICES), defaultValue: 'auto' },
  threads: { flags: '--threads <n>', help: WASM_THREADS_HELP, parse: int('--threads', 1, 8) },
  engine: {
    flags: '--engine <name>',
    help: 'training engine: auto = native (oneDNN) when available and the model fits, else the wasm fused dense trainer for MLPs, else tfjs kernels; native, wasm or tfjs to insist',
    parse: choice('--engine', ENGINE_CHOICES),
    defaultValue: 'auto',
  },
  seed: { flags: '--seed <n>', help: 'seed of weight initialisation and shuffling', parse: int('--seed', 0, 2 ** 31 - 1), defaultValue: 0, sweepable: true },
  // training
  epochs: { flags: '--epochs <n>', help: 'passes over the training data (default: the course value)', parse: int('--epochs', 1, 100000), sweepable: true },
  batchSize: { flags: '--batch-size <n>', help: 'samples per step (default: the course value)', parse: int('--batch-size', 1, 1 << 16), sweepable: true },
  validationSplit: {
    flags: '--validation-split <f>',
    help: 'last fraction of the training set held out for validation (Keras validation_split; default: the course value)',
    parse: float('--validation-split', 0, 1, { exclusiveMax: true }),
    sweepable: true,
  },
  optimizer: { flags: '--optimizer <name>', help: 'optimizer with Keras defaults (default: the course one)', parse: choice('--optimizer', OPTIMIZER_NAMES) },
  learningRate: {
    flags: '--learning-rate <lr>',
    help: "learning rate (default: the optimizer's Keras default)",
    parse: float('--learning-rate', 0, 10, { exclusiveMin: true }),
    sweepable: true,
  },
  data: {
    flags: '--data <path>',
    help: 'MNIST folder; for cnn-pneumonia a chest_xray folder ({train,val,test}/{NORMAL,PNEUMONIA}), a PneumoniaMNIST .npz, or `pneumoniamnist` (default: NNLAB_DATA_DIR, the vendored copy, the cache, a download)',
    parse: path('--data'),
  },
  limit: {
    flags: '--limit <n>',
    help: 'quick checks: train on the first N training samples; the MNIST models then also test on only the first ⌈N/6⌉ test images (cnn-pneumonia keeps its whole test set)',
    parse: int('--limit', 1),
    sweepable: true,
  },
  // optimizer settings (each one flag; unset: the spec's, else Keras' defaults)
  rho: { flags: '--rho <f>', help: 'RMSprop: decay of the running mean square (Keras 0.9)', parse: float('--rho', 0, 1), sweepable: true },
  momentum: { flags: '--momentum <f>', help: 'RMSprop / SGD momentum (Keras 0)', parse: float('--momentum', 0, 1), sweepable: true },
  epsilon: { flags: '--epsilon <f>', help: 'RMSprop / Adam epsilon (Keras 1e-7)', parse: float('--epsilon', 0, 1, { exclusiveMin: true }), sweepable: true },
  beta1: { flags: '--beta1 <f>', help: 'Adam: first-moment decay (Keras 0.9)', parse: float('--beta1', 0, 1, { exclusiveMax: true }), sweepable: true },
  beta2: { flags: '--beta2 <f>', help: 'Adam: second-moment decay (Keras 0.999)', parse: float('--beta2', 0, 1, { exclusiveMax: true }), sweepable: true },
  nesterov: { flags: '--nesterov', help: 'SGD: Nesterov momentum' },
  // the architecture and its data
  arch: {
    flags: '--arch <spec>',
    help: 'architecture: a zoo id, a spec file (.json or text), or a text spec such as "conv(8,3x3,relu) pool(2) flatten dense(10,softmax)" (docs/model-spec.md)',
    parse: path('--arch'),
    repeatable: true,
  },
  dataset: {
    flags: '--dataset <name>',
    help: "data by name: mnist (pixels or images, from the spec's input), mnist-hog (HOG features, --orientations…), pneumonia (embedded, or --data folder/.npz) (default: the zoo model's)",
    parse: choice('--dataset', DATASET_NAMES),
  },
  // the model
  hidden: {
    flags: '--hidden <units>',
    help: 'hidden dense layer sizes: 32, or 32x16 (also 32,16) for two layers',
    parse: (v: string) => layers('--hidden')(v.replace(/,/g, 'x')),
    sweepable: true,
  },
  activation: {
    flags: '--activation <name>',
    help: "hidden activation of the zoo models (the MLPs' hidden layers, the CNNs' conv and hidden layers)",
    parse: choice('--activation', HIDDEN_ACTIVATIONS),
  },
  imageSize: {
    flags: '--image-size <px>',
    help: 'square input side of the image models, whose images are resized to it (course: 28 for cnn-mnist, 128 for cnn-pneumonia)',
    parse: int('--image-size', 8, 1024),
    models: ['mnist-image', 'xray-image'],
    modelsText: 'the image models (cnn-mnist, cnn-pneumonia, --arch with an image input)',
    sweepable: true,
  },
  classWeights: {
    flags: '--class-weights',
    help: 'weight the loss by total/(classes·count) per class (default for cnn-pneumonia, as the course)',
  },
  noClassWeights: { flags: '--no-class-weights', help: 'plain loss even for cnn-pneumonia' },
  valFromTrain: {
    flags: '--val-from-train <f>',
    help: "validation = a stratified fraction of the training set (instead of the data's val split or --validation-split)",
    parse: float('--val-from-train', 0, 1, { exclusiveMin: true, exclusiveMax: true }),
  },
  // HOG (mlp-hog's features, `nnlab hog`)
  orientations: { flags: '--orientations <n>', help: 'HOG orientation bins over 0–180° (course 8)', parse: int('--orientations', 1, 360), ...HOG },
  pixelsPerCell: { flags: '--pixels-per-cell <n>', help: 'HOG cell side in pixels (course 4)', parse: int('--pixels-per-cell', 1, 4096), ...HOG },
  cellsPerBlock: { flags: '--cells-per-block <n>', help: 'HOG block side in cells (course 1)', parse: int('--cells-per-block', 1, 4096), ...HOG },
  blockNorm: { flags: '--block-norm <name>', help: 'HOG block normalisation (course L2-Hys)', parse: choice('--block-norm', HOG_BLOCK_NORMS), ...HOG },
  // naming models
  modelId: {
    flags: '--model-id <id>',
    help: `zoo model the folder holds: ${MODEL_IDS.join(', ')} (default: from run.json, else from the input shape)`,
    parse: choice('--model-id', MODEL_IDS),
  },
} satisfies Record<string, OptionDef>;

export type OptionName = keyof typeof OPTIONS;

/** The camel-case key commander stores an option under (`--no-record` → `record`). */
export function attributeOf(name: OptionName): string {
  return new Option((OPTIONS[name] as OptionDef).flags).attributeName();
}

/** One option of the table as a commander Option (for chains that add options one by one). */
export function tableOption(name: OptionName): Option {
  const def: OptionDef = OPTIONS[name];
  const option = new Option(def.flags, def.help);
  if (def.parse) option.argParser(def.parse);
  if (def.defaultValue !== undefined) option.default(def.defaultValue);
  return option;
}

/**
 * Adds the named options to `cmd`. With `lists`, every sweepable option takes a comma list of
 * values, each checked like one value, and has no default (the grid uses the course value).
 */
export function addOptions(cmd: Command, names: readonly OptionName[], { lists = false } = {}): Command {
  for (const name of names) {
    const def: OptionDef = OPTIONS[name];
    const asList = lists && def.sweepable && def.parse;
    const repeated = lists && def.repeatable && def.parse;
    const flags = asList ? def.flags.replace(/<[^>]+>$/, '<list>') : def.flags;
    const help = asList ? `${def.help}; a comma list of values to sweep` : repeated ? `${def.help}; repeat the flag to sweep several` : def.help;
    const option = new Option(flags, help);
    if (repeated) option.argParser((v: string, previous: unknown[] | undefined) => [...(previous ?? []), def.parse!(v)]);
    else if (def.parse) option.argParser(asList ? listOf(def.flags.split(' ')[0], def.parse) : def.parse);
    if (def.defaultValue !== undefined && !asList) option.default(def.defaultValue);
    cmd.addOption(option);
  }
  return cmd;
}
