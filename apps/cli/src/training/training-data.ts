/**
 * Loads and prepares the data a zoo model trains on, by its input kind: raw MNIST pixels,
 * HOG features of MNIST, MNIST images, or chest X-rays. Records which files were read (with their
 * checksums) and each split's class balance.
 */
import type { Dataset } from '@nnlab/core';
import type { HogOptions } from '@nnlab/features-hog';
import { existsSync, statSync } from 'node:fs';
import { classWeights, stratifiedSplit, type MnistSplit } from '@nnlab/datasets';
import { loadMnist, loadPneumoniaMnist, openChestXray, type ImageFolderSplit } from '@nnlab/datasets/node';
import { COURSE_HOG_OPTIONS, resolveHogOptions } from '@nnlab/features-hog';
import { type ZooEntry } from '@nnlab/models';
import { featureDataset, imageDataset, mnistPixelDataset, pixelLayoutFor, type RunDataFile } from '@nnlab/experiments';
import { subsetDataset } from '@nnlab/core';
import { hogFeaturesFor } from './hog-features';
import { UsageError } from '../exit-codes';
import type { TrainRunOptions } from './train-run';

/** Prepared data of one run. */
export interface TrainingData {
  name: string;
  train: Dataset;
  /** A separate validation set (when the data has one); otherwise the run may split the train set. */
  validation?: Dataset;
  test: Dataset;
  files: RunDataFile[];
  /** Input length when the model's input size depends on the data (HOG). */
  inputSize?: number;
  /** total/(2·count) weights from the training labels (binary data). */
  classWeights?: number[];
  classBalance: Record<string, Record<string, number>>;
  options?: Record<string, unknown>;
  /** HOG parameters used (mlp-hog). */
  hog?: HogOptions;
}

function countLabels(labels: ArrayLike<number>, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of names) out[n] = 0;
  for (let i = 0; i < labels.length; i++) out[names[labels[i]] ?? String(labels[i])]++;
  return out;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Loads the data for `entry` according to the run options. */
export async function loadTrainingData(entry: ZooEntry, opts: TrainRunOptions, info: (line: string) => void): Promise<TrainingData> {
  if (opts.limit !== undefined && !(Number.isInteger(opts.limit) && opts.limit > 0)) {
    throw new UsageError(`--limit must be a positive integer, got ${opts.limit}`);
  }
  switch (entry.input) {
    case 'mnist-pixels':
    case 'mnist-image': {
      const mnist = await loadMnist({ dir: opts.data, limit: opts.limit ? { train: opts.limit, test: Math.max(1, Math.ceil(opts.limit / 6)) } : undefined });
      info(`data: MNIST ${mnist.train.count} train / ${mnist.test.count} test images (${mnist.files[0]?.origin ?? 'files'})`);
      const layout = pixelLayoutFor(entry.input);
      return {
        name: 'mnist',
        train: mnistPixelDataset(mnist.train, layout),
        test: mnistPixelDataset(mnist.test, layout),
        files: mnist.files.map((f) => ({ name: f.name, sha256: f.sha256, origin: f.origin, path: f.path })),
        classBalance: { train: countLabels(mnist.train.labels, DIGITS), test: countLabels(mnist.test.labels, DIGITS) },
        options: { scale: '1/255', limit: opts.limit },
      };
    }
    case 'mnist-hog': {
      const mnist = await loadMnist({ dir: opts.data, limit: opts.limit ? { train: opts.limit, test: Math.max(1, Math.ceil(opts.limit / 6)) } : undefined });
      info(`data: MNIST ${mnist.train.count} train / ${mnist.test.count} test images (${mnist.files[0]?.origin ?? 'files'})`);
      const hogOptions = resolveHogOptions({ ...COURSE_HOG_OPTIONS, ...definedHog(opts.hog) });
      const sha = (name: string) => mnist.files.find((f) => f.name.includes(name))?.sha256 ?? 'unknown';
      const t0 = performance.now();
      const train = await hogFeaturesFor(mnist.train.images, mnist.train.count, mnist.train.rows, mnist.train.cols, sha('train-images'), hogOptions);
      const test = await hogFeaturesFor(mnist.test.images, mnist.test.count, mnist.test.rows, mnist.test.cols, sha('t10k-images'), hogOptions);
      info(`HOG: ${train.featureLength} features per image (${hogOptions.orientations} orientations, ${hogOptions.pixelsPerCell.join('×')} px cells, ${hogOptions.cellsPerBlock.join('×')} blocks, ${hogOptions.blockNorm}) ${train.cached && test.cached ? 'from cache' : `computed in ${((performance.now() - t0) / 1000).toFixed(1)} s`}`);
      return {
        name: 'mnist',
        train: featureDataset(train.features, train.featureLength, mnist.train.labels),
        test: featureDataset(test.features, test.featureLength, mnist.test.labels),
        inputSize: train.featureLength,
        hog: hogOptions,
        files: mnist.files.map((f) => ({ name: f.name, sha256: f.sha256, origin: f.origin, path: f.path })),
        classBalance: { train: countLabels(mnist.train.labels, DIGITS), test: countLabels(mnist.test.labels, DIGITS) },
        options: { hog: hogOptions, limit: opts.limit, featureCacheKeys: [train.key, test.key] },
      };
    }
    case 'xray-image':
      return loadXrayData(opts, info);
    default:
      throw new UsageError(`model '${entry.id}' reads ${String(entry.input)} data, which this CLI cannot load`);
  }
}

function definedHog(h: TrainRunOptions['hog']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(h ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

const XRAY_CLASSES = ['NORMAL', 'PNEUMONIA'];

function limitSplit(split: MnistSplit, limit: number | undefined): MnistSplit {
  if (!limit || limit >= split.count) return split;
  const px = split.rows * split.cols;
  return { ...split, count: limit, images: split.images.subarray(0, limit * px), labels: split.labels.subarray(0, limit) };
}

/** A streaming dataset over a split of an image folder (decodes on read). */
function folderDataset(split: ImageFolderSplit, indices?: ArrayLike<number>) {
  const map = indices ? Uint32Array.from(indices as ArrayLike<number>) : undefined;
  const size = map ? map.length : split.count;
  const px = split.rows * split.cols;
  return {
    size,
    sampleShape: [split.rows, split.cols, 1],
    targetShape: [1],
    label: (i: number) => split.labels[map ? map[i] : i],
    async read(idx: ArrayLike<number>, x: Float32Array, y: Float32Array) {
      const real = map ? Array.from(idx as ArrayLike<number>, (i) => map[i]) : idx;
      const pixels = await split.readBatch(real);
      x.set(pixels.subarray(0, idx.length * px));
      for (let k = 0; k < idx.length; k++) y[k] = split.labels[(real as ArrayLike<number>)[k]];
    },
  };
}

/** Chest X-rays: a Kaggle-layout folder (`--data`), or the embedded PneumoniaMNIST resized to the model size. */
async function loadXrayData(opts: TrainRunOptions, info: (line: string) => void): Promise<TrainingData> {
  const size = opts.imageSize ?? 128;
  const valFromTrain = opts.valFromTrain;
  if (valFromTrain !== undefined && !(valFromTrain > 0 && valFromTrain < 1)) throw new UsageError(`--val-from-train must be in (0, 1), got ${valFromTrain}`);
  const isFolder = opts.data && opts.data !== 'pneumoniamnist' && existsSync(opts.data) && statSync(opts.data).isDirectory();
  if (isFolder) {
    const folder = await openChestXray(opts.data!, { imageSize: [size, size], cacheBytes: 512 * 1024 * 1024 });
    const tr = folder.splits.train;
    const te = folder.splits.test;
    if (!tr || !te) throw new UsageError(`${opts.data}: expected train/ and test/ split folders (found ${Object.keys(folder.splits).join(', ') || 'none'})`);
    if (folder.skipped.length) info(`skipped ${folder.skipped.length} non-image file(s)`);
    const n = opts.limit ? Math.min(opts.limit, tr.count) : tr.count;
    const trainIdx = Array.from({ length: n }, (_, i) => i);
    let train = folderDataset(tr, trainIdx);
    let validation = folder.splits.val && folder.splits.val.count > 0 && valFromTrain === undefined ? folderDataset(folder.splits.val) : undefined;
    const trainLabels = tr.labels.subarray(0, n);
    if (valFromTrain !== undefined) {
      const s = stratifiedSplit(trainLabels, valFromTrain, opts.seed ?? 0);
      train = folderDataset(tr, s.trainIndices);
      validation = folderDataset(tr, s.valIndices);
    }
    const usedTrainLabels = Array.from({ length: train.size }, (_, i) => train.label(i));
    info(`data: chest X-rays ${train.size} train / ${validation?.size ?? 0} validation / ${te.count} test at ${size}×${size} (${opts.data})`);
    const balance = (labels: ArrayLike<number>) => countLabels(labels, XRAY_CLASSES);
    return {
      name: 'chest-xray-folder',
      train,
      validation,
      test: folderDataset(te),
      files: [{ name: 'chest_xray', sha256: 'n/a (folder)', origin: 'explicit', path: folder.root }],
      classWeights: classWeights(usedTrainLabels, 2),
      classBalance: {
        train: balance(usedTrainLabels),
        ...(validation ? { validation: balance(Array.from({ length: validation.size }, (_, i) => validation!.label(i))) } : {}),
        test: balance(te.labels),
      },
      options: { imageSize: size, scale: 1, limit: opts.limit, valFromTrain, skipped: folder.skipped.length },
    };
  }
  const npzPath = opts.data && opts.data !== 'pneumoniamnist' ? opts.data : undefined;
  const pm = await loadPneumoniaMnist(npzPath ? { path: npzPath } : {});
  const trainSplit = limitSplit(pm.train, opts.limit);
  const make = (s: MnistSplit) => imageDataset(s, { size, scale: 1, numClasses: 2 });
  let train = make(trainSplit);
  let validation = valFromTrain === undefined ? make(pm.val) : undefined;
  let trainLabels: ArrayLike<number> = trainSplit.labels;
  let valLabels: ArrayLike<number> = pm.val.labels;
  if (valFromTrain !== undefined) {
    const s = stratifiedSplit(trainSplit.labels, valFromTrain, opts.seed ?? 0);
    const all = make(trainSplit);
    train = subsetDataset(all, s.trainIndices);
    validation = subsetDataset(all, s.valIndices);
    trainLabels = Array.from(s.trainIndices, (i) => trainSplit.labels[i]);
    valLabels = Array.from(s.valIndices, (i) => trainSplit.labels[i]);
  }
  info(`data: PneumoniaMNIST ${train.size} train / ${validation?.size ?? 0} validation / ${pm.test.count} test, 28×28 resized to ${size}×${size} (${pm.file.origin})`);
  return {
    name: 'pneumoniamnist',
    train,
    validation,
    test: make(pm.test),
    files: [{ name: pm.file.name, sha256: pm.file.sha256, origin: pm.file.origin, path: pm.file.path }],
    classWeights: classWeights(trainLabels, 2),
    classBalance: { train: countLabels(trainLabels, XRAY_CLASSES), validation: countLabels(valLabels, XRAY_CLASSES), test: countLabels(pm.test.labels, XRAY_CLASSES) },
    options: { imageSize: size, scale: 1, resizedFrom: '28x28', limit: opts.limit, valFromTrain },
  };
}
