/**
 * Where an experiment's images come from, injected by the host: the CLI reads files
 * (`nodeDataSource` in `@nnlab/experiments/node`), the web app passes the bytes it fetched
 * (`bytesDataSource`). A source returns labelled grayscale splits; the pipeline turns them into
 * the model's features.
 */
import { MNIST_FILE_NAMES, knownFile, loadMnistFromBytes, pneumoniaMnistFromNpz, sha256Hex, type MnistBytes, type MnistLimit } from '@nnlab/datasets';
import type { ImageSplit } from './mnist-data';
import type { RunDataFile } from './run-record';

/** A labelled split whose images are decoded on demand (image folders too large to hold). */
export interface StreamedImageSplit {
  count: number;
  rows: number;
  cols: number;
  labels: Uint8Array;
  /** 0–255 pixels of the given images, `rows·cols` values each, in order. */
  readBatch(indices: ArrayLike<number>): Promise<Float32Array>;
}

/** A split in memory (uint8 images) or streamed. */
export type SourceSplit = ImageSplit | StreamedImageSplit;

/** True for a split held in memory. */
export function isInMemorySplit(s: SourceSplit): s is ImageSplit {
  return (s as ImageSplit).images !== undefined;
}

/** What a source gives: splits and where they came from. */
export interface SourceData {
  /** Data name stored in run records, e.g. `mnist`, `pneumoniamnist`, `chest-xray-folder`. */
  name: string;
  /** A line for people: what was read, from where. */
  description: string;
  files: RunDataFile[];
  train: SourceSplit;
  /** The data's own validation split, when it has one. */
  validation?: SourceSplit;
  test: SourceSplit;
  /** Extra facts for the record (e.g. how many files a folder had that were not images). */
  notes?: Record<string, unknown>;
}

/** First N training and test images. */
export type SplitLimit = MnistLimit;

/** Options of `DataSource.xrays`. */
export interface XraySourceOptions {
  /** Square side the model reads (a folder source decodes at this size). */
  imageSize: number;
  /** First N training images. */
  limit?: number;
}

/** The images an experiment can ask for. */
export interface DataSource {
  /** MNIST train and test splits (28×28, labels 0–9). */
  mnist(limit?: SplitLimit): Promise<SourceData>;
  /** Chest X-rays (labels 0 normal, 1 pneumonia) with train, test and usually validation splits. */
  xrays(options: XraySourceOptions): Promise<SourceData>;
}

/** Byte providers of `bytesDataSource` (each called at most once per request). */
export interface DataBytes {
  /** The four MNIST `.gz` files. */
  mnist?: () => Promise<MnistBytes>;
  /** PneumoniaMNIST's `.npz` and its file name. */
  pneumonia?: () => Promise<{ bytes: Uint8Array; name: string }>;
}

/** A file as recorded: its base name and SHA-256 (the known one when `key` names a known file). */
async function fileOf(key: string, bytes: Uint8Array, origin: string): Promise<RunDataFile> {
  const known = knownFile(key);
  return { name: key.split('/').pop()!, sha256: known?.sha256 ?? (await sha256Hex(bytes)), origin };
}

function limitSplit(split: ImageSplit, limit: number | undefined): ImageSplit {
  if (!limit || limit >= split.count) return split;
  const px = split.rows * split.cols;
  return { ...split, count: limit, images: split.images.subarray(0, limit * px), labels: split.labels.subarray(0, limit) };
}

/**
 * A browser-safe source over bytes the host fetched (verified by the host). Files are recorded by
 * name and the known SHA-256 (computed when the name is not a known file).
 */
export function bytesDataSource(bytes: DataBytes, origin = 'fetched'): DataSource {
  return {
    async mnist(limit) {
      if (!bytes.mnist) throw new Error('this data source has no MNIST files');
      const raw = await bytes.mnist();
      const m = loadMnistFromBytes(raw, { limit });
      const files = await Promise.all((Object.keys(raw) as (keyof MnistBytes)[]).map((k) => fileOf(MNIST_FILE_NAMES[k], raw[k], origin)));
      return { name: 'mnist', description: `MNIST ${m.train.count} train / ${m.test.count} test images (${origin})`, files, train: m.train, test: m.test };
    },
    async xrays(options) {
      if (!bytes.pneumonia) throw new Error('this data source has no PneumoniaMNIST file');
      const { bytes: npz, name } = await bytes.pneumonia();
      const p = pneumoniaMnistFromNpz(npz, name);
      const train = limitSplit(p.train, options.limit);
      return {
        name: 'pneumoniamnist',
        description: `PneumoniaMNIST ${train.count} train / ${p.val.count} validation / ${p.test.count} test, 28×28 (${origin})`,
        files: [await fileOf(name, npz, origin)],
        train,
        validation: p.val,
        test: p.test,
      };
    },
  };
}
