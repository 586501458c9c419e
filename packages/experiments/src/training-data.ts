/**
 * From a source's labelled images to the datasets a model trains on, by the input pipeline: MNIST
 * raw pixels (flat, or images resized to the model's side) scaled to [0, 1], HOG features of
 * MNIST, or X-rays resized to the CNN's side (0–255, as the course). Also the validation set
 * (the data's own, a stratified fraction of the training set, or Keras' validation_split),
 * balanced class weights and each split's class counts for the record.
 */
import { splitTail, subsetDataset, type Dataset } from '@nnlab/core';
import { classWeights as balancedClassWeights, stratifiedSplit } from '@nnlab/datasets';
import { isInMemorySplit, type SourceData, type SourceSplit, type StreamedImageSplit } from './data-source';
import { ExperimentOptionError } from './errors';
import { hogFeaturesInChunks, type HogComputer } from './hog-features';
import type { InputPipeline } from './input-pipeline';
import { featureDataset, imageDataset, mnistPixelDataset, type ImageSplit } from './mnist-data';
import type { RunDataFile } from './run-record';

/** Prepared data of one run. */
export interface TrainingData {
  /** Data name for the record (`mnist`, `pneumoniamnist`, `chest-xray-folder`). */
  name: string;
  train: Dataset;
  validation?: Dataset;
  /** Where the validation set came from: the data's own split, a stratified fraction of the training set, or Keras' validation_split. */
  validationSource?: 'data' | 'stratified' | 'split';
  test: Dataset;
  files: RunDataFile[];
  /** Balanced class weights total/(classes·count) from the training labels (when asked for). */
  classWeights?: number[];
  /** Class counts per split, by class name. */
  classBalance: Record<string, Record<string, number>>;
  /** Data settings for the record (scale, limit, HOG cache keys…). */
  options: Record<string, unknown>;
}

/** What `prepareTrainingData` needs besides the source's images. */
export interface PrepareDataOptions {
  pipeline: InputPipeline;
  classNames: readonly string[];
  /** Keras validation_split, used when the data has no validation split of its own. */
  validationSplit: number;
  /** Validation = a stratified fraction of the training set instead of the data's own split. */
  valFromTrain?: number;
  /** Seed of the stratified split. */
  seed: number;
  /** Compute balanced class weights. */
  classWeights: boolean;
  /** The `--limit` asked for (recorded). */
  limit?: number;
  /** HOG computer (default: `hogFeaturesInChunks`). */
  hog?: HogComputer;
  onStatus?: (line: string) => void;
  signal?: AbortSignal;
}

function countLabels(labels: ArrayLike<number>, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of names) out[n] = 0;
  for (let i = 0; i < labels.length; i++) out[names[labels[i]] ?? String(labels[i])]++;
  return out;
}

/** A streaming dataset over a split whose images are decoded on read (`[rows, cols, 1]`, 0–255 times `scale`). */
function streamedDataset(split: StreamedImageSplit, scale: number, indices?: ArrayLike<number>): Dataset {
  const map = indices ? Uint32Array.from(indices) : undefined;
  const px = split.rows * split.cols;
  return {
    size: map ? map.length : split.count,
    sampleShape: [split.rows, split.cols, 1],
    targetShape: [1],
    label: (i: number) => split.labels[map ? map[i] : i],
    async read(idx, x, y) {
      const real = map ? Array.from(idx, (i) => map[i]) : idx;
      const pixels = await split.readBatch(real);
      const n = idx.length * px;
      for (let j = 0; j < n; j++) x[j] = pixels[j] * scale;
      for (let k = 0; k < idx.length; k++) y[k] = split.labels[real[k]];
    },
  };
}

const labelsOf = (d: Dataset): number[] => Array.from({ length: d.size }, (_, i) => d.label!(i));

/** Turns the source's splits into the model's datasets. */
export async function prepareTrainingData(source: SourceData, o: PrepareDataOptions): Promise<TrainingData> {
  const { pipeline, classNames } = o;
  const numClasses = classNames.length;
  const options: Record<string, unknown> = { scale: pipeline.scale === 1 ? '1' : '1/255', limit: o.limit, ...source.notes };
  let datasetOf: (split: SourceSplit, which: string) => Promise<Dataset>;
  switch (pipeline.input) {
    case 'mnist-pixels':
      datasetOf = async (s) => mnistPixelDataset(inMemory(s, pipeline), 'flat');
      break;
    case 'mnist-image':
    case 'xray-image':
      datasetOf = async (s) => {
        if (!isInMemorySplit(s)) {
          if (s.rows !== pipeline.height || s.cols !== pipeline.width) {
            throw new ExperimentOptionError(`the data's ${s.rows}×${s.cols} images do not match the model's ${pipeline.height}×${pipeline.width} input`);
          }
          return streamedDataset(s, pipeline.scale);
        }
        return imageDataset(s, { size: pipeline.height, scale: pipeline.scale, numClasses });
      };
      if (pipeline.input === 'xray-image' || pipeline.height !== 28) options.imageSize = pipeline.height;
      break;
    case 'mnist-hog': {
      const hog = o.hog ?? hogFeaturesInChunks;
      const keys: string[] = [];
      const t0 = Date.now();
      let cached = true;
      options.hog = pipeline.hog;
      options.featureCacheKeys = keys;
      datasetOf = async (s, which) => {
        const split = inMemory(s, pipeline);
        const sha = source.files.find((f) => f.name.includes(which === 'test' ? 't10k-images' : 'train-images'))?.sha256; // names are like mnist/t10k-images-idx3-ubyte.gz
        const r = await hog({
          split,
          options: pipeline.hog!,
          splitName: which,
          imagesSha256: sha,
          signal: o.signal,
          onProgress: (done, total) => o.onStatus?.(`HOG features of the ${which} images: ${done} / ${total}`),
        });
        if (r.key) keys.push(r.key);
        cached &&= r.cached === true;
        if (which === 'test') {
          const h = pipeline.hog!;
          o.onStatus?.(
            `HOG: ${r.length} features per image (${h.orientations} orientations, ${h.pixelsPerCell.join('×')} px cells, ${h.cellsPerBlock.join('×')} blocks, ${h.blockNorm}) ${cached ? 'from cache' : `computed in ${((Date.now() - t0) / 1000).toFixed(1)} s`}`,
          );
        }
        return featureDataset(r.features, r.length, split.labels, numClasses);
      };
      break;
    }
    default:
      throw new ExperimentOptionError(`input '${String(pipeline.input)}' cannot be prepared`);
  }

  let train = await datasetOf(source.train, 'train');
  o.signal?.throwIfAborted();
  let validation: Dataset | undefined;
  let validationSource: TrainingData['validationSource'];
  if (o.valFromTrain !== undefined) {
    if (!(o.valFromTrain > 0 && o.valFromTrain < 1)) throw new ExperimentOptionError(`--val-from-train must be in (0, 1), got ${o.valFromTrain}`);
    const s = stratifiedSplit(source.train.labels, o.valFromTrain, o.seed);
    validation = subsetDataset(train, s.valIndices);
    train = subsetDataset(train, s.trainIndices);
    options.valFromTrain = o.valFromTrain;
    validationSource = 'stratified';
  } else if (source.validation && source.validation.count > 0) {
    validation = await datasetOf(source.validation, 'validation');
    validationSource = 'data';
  }
  const test = await datasetOf(source.test, 'test');
  o.signal?.throwIfAborted();
  // Class weights from the labels actually trained on (before Keras' validation_split, as before).
  const trainLabels = labelsOf(train);
  const weights = o.classWeights ? balancedClassWeights(trainLabels, numClasses) : undefined;
  const classBalance: Record<string, Record<string, number>> = { train: countLabels(trainLabels, classNames) };
  if (validation) classBalance.validation = countLabels(labelsOf(validation), classNames);
  classBalance.test = countLabels(source.test.labels, classNames);
  if (!validation && o.validationSplit > 0) {
    const split = splitTail(train, o.validationSplit);
    train = split.train;
    validation = split.validation;
    validationSource = 'split';
  }
  return {
    name: source.name,
    train,
    validation,
    validationSource,
    test,
    files: source.files,
    classWeights: weights,
    classBalance,
    options: dropUndefined(options),
  };
}

function inMemory(s: SourceSplit, pipeline: InputPipeline): ImageSplit {
  if (!isInMemorySplit(s)) throw new ExperimentOptionError(`input '${pipeline.input}' needs images in memory; this data is read from a folder on demand`);
  if (pipeline.input !== 'mnist-image' && (s.rows !== pipeline.height || s.cols !== pipeline.width)) {
    throw new ExperimentOptionError(`the data's ${s.rows}×${s.cols} images do not match the model's ${pipeline.height}×${pipeline.width} input`);
  }
  return s;
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
