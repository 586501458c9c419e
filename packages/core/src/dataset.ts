/**
 * The data interface the training loop consumes. A dataset knows its size and sample/target shapes
 * and copies requested samples into caller-owned buffers, so the loop allocates one batch buffer per
 * epoch, not per step, and a folder of images can stream from disk.
 */
import { InvalidOptionError } from './errors';

/** Samples addressed by index, copied into caller-owned float buffers. */
export interface Dataset {
  /** Number of samples. */
  readonly size: number;
  /** Shape of one input sample, e.g. `[784]` or `[28, 28, 1]`. */
  readonly sampleShape: readonly number[];
  /** Shape of one target, e.g. `[10]` (one-hot) or `[1]` (binary). */
  readonly targetShape: readonly number[];
  /**
   * Writes samples `indices[0..n)` into `x` (n × sampleSize floats) and their targets into `y`
   * (n × targetSize floats).
   */
  read(indices: ArrayLike<number>, x: Float32Array, y: Float32Array): void | Promise<void>;
  /** Class label of sample `i` (for class weights and stratification), when known cheaply. */
  label?(i: number): number;
}

/** Product of a shape's dimensions. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Options of `arrayDataset`. */
export interface ArrayDatasetOptions {
  /** Inputs, sample-major: size × shapeSize(sampleShape) values. */
  x: Float32Array | Uint8Array;
  /** Shape of one sample. */
  sampleShape: readonly number[];
  /** Integer class labels, one per sample. */
  labels: ArrayLike<number>;
  /**
   * Number of classes. With more than 2 (or `oneHot: true`), targets are one-hot of length
   * `numClasses`; with 2 and `oneHot` false, a single 0/1 target (sigmoid output).
   */
  numClasses: number;
  /** Force one-hot targets even for two classes. Default: `numClasses > 2`. */
  oneHot?: boolean;
  /** Multiplier applied to inputs while copying (e.g. 1/255). Default 1. */
  scale?: number;
}

/** A dataset over in-memory arrays; uint8 inputs are converted (and scaled) per batch. */
export function arrayDataset(options: ArrayDatasetOptions): Dataset {
  const { x, sampleShape, labels, numClasses } = options;
  const sampleSize = shapeSize(sampleShape);
  if (sampleSize <= 0) throw new InvalidOptionError(`arrayDataset: bad sample shape [${sampleShape.join(', ')}]`);
  if (x.length % sampleSize !== 0) {
    throw new InvalidOptionError(`arrayDataset: ${x.length} input values are not a multiple of the sample size ${sampleSize}`);
  }
  const size = x.length / sampleSize;
  if (labels.length !== size) throw new InvalidOptionError(`arrayDataset: ${size} samples but ${labels.length} labels`);
  if (!(Number.isInteger(numClasses) && numClasses >= 2)) throw new InvalidOptionError(`arrayDataset: numClasses must be an integer ≥ 2, got ${numClasses}`);
  for (let i = 0; i < size; i++) {
    const l = labels[i];
    if (!(Number.isInteger(l) && l >= 0 && l < numClasses)) {
      throw new InvalidOptionError(`arrayDataset: label ${l} at index ${i} is outside 0..${numClasses - 1}`);
    }
  }
  const oneHot = options.oneHot ?? numClasses > 2;
  const targetSize = oneHot ? numClasses : 1;
  const scale = options.scale ?? 1;
  return {
    size,
    sampleShape: [...sampleShape],
    targetShape: [targetSize],
    label: (i: number) => labels[i],
    read(indices, xOut, yOut) {
      const n = indices.length;
      if (oneHot) yOut.fill(0, 0, n * targetSize);
      for (let k = 0; k < n; k++) {
        const i = indices[k];
        const src = i * sampleSize;
        const dst = k * sampleSize;
        if (scale === 1 && x instanceof Float32Array) {
          xOut.set(x.subarray(src, src + sampleSize), dst);
        } else if (scale === 1) {
          for (let j = 0; j < sampleSize; j++) xOut[dst + j] = x[src + j];
        } else {
          for (let j = 0; j < sampleSize; j++) xOut[dst + j] = x[src + j] * scale;
        }
        if (oneHot) yOut[k * targetSize + labels[i]] = 1;
        else yOut[k] = labels[i];
      }
    },
  };
}

/** A view of `base` restricted to `indices` (in that order). */
export function subsetDataset(base: Dataset, indices: ArrayLike<number>): Dataset {
  const map = Int32Array.from(indices as ArrayLike<number>);
  for (const i of map) {
    if (i < 0 || i >= base.size) throw new InvalidOptionError(`subsetDataset: index ${i} outside 0..${base.size - 1}`);
  }
  const scratch = { idx: new Int32Array(0) };
  return {
    size: map.length,
    sampleShape: base.sampleShape,
    targetShape: base.targetShape,
    label: base.label ? (i: number) => base.label!(map[i]) : undefined,
    read(indices, x, y) {
      if (scratch.idx.length < indices.length) scratch.idx = new Int32Array(indices.length);
      const idx = scratch.idx.subarray(0, indices.length);
      for (let k = 0; k < indices.length; k++) idx[k] = map[indices[k]];
      return base.read(idx, x, y);
    },
  };
}

/** Samples `[start, end)` of `base`. */
export function sliceDataset(base: Dataset, start: number, end: number): Dataset {
  if (!(start >= 0 && end <= base.size && start <= end)) {
    throw new InvalidOptionError(`sliceDataset: range [${start}, ${end}) outside 0..${base.size}`);
  }
  const idx = new Int32Array(end - start);
  for (let i = 0; i < idx.length; i++) idx[i] = start + i;
  return subsetDataset(base, idx);
}

/**
 * Keras `validation_split`: the last `fraction` of the samples (before any shuffling) become the
 * validation set. `split_at = floor(size · (1 − fraction))`, as Keras computes it.
 */
export function splitTail(base: Dataset, fraction: number): { train: Dataset; validation?: Dataset } {
  if (!(fraction >= 0 && fraction < 1)) throw new InvalidOptionError(`validationSplit must be in [0, 1), got ${fraction}`);
  if (fraction === 0) return { train: base };
  const splitAt = Math.floor(base.size * (1 - fraction));
  if (splitAt === 0 || splitAt === base.size) {
    throw new InvalidOptionError(`validationSplit ${fraction} of ${base.size} samples leaves an empty split`);
  }
  return { train: sliceDataset(base, 0, splitAt), validation: sliceDataset(base, splitAt, base.size) };
}
