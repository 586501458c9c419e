import { checkCount, checkImageBuffer, checkOutBuffer } from './input-checks';
import { compileHogPlan, runHogPlan, type HogKernelParams, type HogPlan } from './hog-kernel';
import { HOG_BLOCK_NORMS, hogGeometry, type HogGeometry, type HogOptions } from './hog-options';

/**
 * A grayscale image, row-major. `Float32Array`: used as is (skimage with a float32 image).
 * `Uint8Array`: pixel `x` becomes `Math.fround(x / 255)` first — exactly the course's
 * `img.astype(np.float32) / 255` — so `hog(u8, …)` equals `skimage.feature.hog(u8.astype(np.float32) / 255, …)`.
 */
export type HogImage = Float32Array | Uint8Array;

/** A reusable HOG computation for one image size and one set of options; scratch buffers are kept between calls. */
export interface HogExtractor {
  /** Image size, resolved options, cell/block counts and feature length. */
  readonly geometry: HogGeometry;
  /** Values per image in the output. */
  readonly featureLength: number;
  /** Features of one `height × width` image (into `out` when given). */
  extract(image: HogImage, out?: Float32Array): Float32Array;
  /** Features of `count` images stored back to back (`count × featureLength` values, into `out` when given). */
  extractBatch(images: HogImage, count: number, out?: Float32Array): Float32Array;
}

/** Kernel parameters for a resolved geometry. */
export function hogKernelParams(g: HogGeometry): HogKernelParams {
  return {
    height: g.height,
    width: g.width,
    orientations: g.orientations,
    cellRows: g.pixelsPerCell[0],
    cellCols: g.pixelsPerCell[1],
    blockRows: g.cellsPerBlock[0],
    blockCols: g.cellsPerBlock[1],
    norm: HOG_BLOCK_NORMS.indexOf(g.blockNorm),
    transformSqrt: g.transformSqrt,
  };
}

function makeExtractor(geometry: HogGeometry, fn: string): HogExtractor {
  const plan: HogPlan = compileHogPlan(hogKernelParams(geometry));
  const { height, width, featureLength } = geometry;
  const size = height * width;
  return {
    geometry,
    featureLength,
    extract(image, out) {
      checkImageBuffer(fn, 'image', image, size, `height × width = ${height} × ${width}`);
      const result = out ?? new Float32Array(featureLength);
      if (out !== undefined) checkOutBuffer(fn, out, featureLength, 'the feature length');
      runHogPlan(plan, image, 0, result, 0);
      return result;
    },
    extractBatch(images, count, out) {
      checkCount(fn, count);
      checkImageBuffer(fn, 'images', images, count * size, `count × height × width = ${count} × ${height} × ${width}`);
      const total = count * featureLength;
      const result = out ?? new Float32Array(total);
      if (out !== undefined) checkOutBuffer(fn, out, total, `count × featureLength = ${count} × ${featureLength}`);
      for (let i = 0; i < count; i++) runHogPlan(plan, images, i * size, result, i * featureLength);
      return result;
    },
  };
}

// hog() is often called once per image in a loop (as the course did): keep the last extractor per
// entry point, keyed by the raw option values, so that validation, tables and scratch buffers are
// built once rather than per image.
type Pair = number | readonly [number, number] | undefined;
interface CacheEntry {
  height: number;
  width: number;
  orientations: unknown;
  pixelsPerCell: Pair;
  cellsPerBlock: Pair;
  blockNorm: unknown;
  transformSqrt: unknown;
  extractor: HogExtractor;
}
const lastExtractors = new Map<string, CacheEntry>();

function copyPair(p: Pair): Pair {
  return Array.isArray(p) ? [p[0], p[1]] : p;
}

function samePair(a: Pair, b: Pair): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && b.length === 2 && a[0] === b[0] && a[1] === b[1];
  return a === b;
}

function cachedExtractor(height: number, width: number, options: HogOptions, fn: string): HogExtractor {
  const hit = lastExtractors.get(fn);
  if (
    hit &&
    options !== null &&
    typeof options === 'object' &&
    hit.height === height &&
    hit.width === width &&
    hit.orientations === options.orientations &&
    hit.blockNorm === options.blockNorm &&
    hit.transformSqrt === options.transformSqrt &&
    samePair(hit.pixelsPerCell, options.pixelsPerCell) &&
    samePair(hit.cellsPerBlock, options.cellsPerBlock)
  ) {
    return hit.extractor;
  }
  const extractor = makeExtractor(hogGeometry(height, width, options, fn), fn);
  lastExtractors.set(fn, {
    height,
    width,
    orientations: options.orientations,
    pixelsPerCell: copyPair(options.pixelsPerCell),
    cellsPerBlock: copyPair(options.cellsPerBlock),
    blockNorm: options.blockNorm,
    transformSqrt: options.transformSqrt,
    extractor,
  });
  return extractor;
}

/**
 * A {@link HogExtractor} for `height × width` images: validates once, precomputes the bin edges
 * and lookup tables once, and reuses its scratch buffers for every image.
 * @throws HogInputError / HogOptionError (see {@link hog}).
 */
export function createHogExtractor(height: number, width: number, options: HogOptions = {}): HogExtractor {
  return makeExtractor(hogGeometry(height, width, options, 'createHogExtractor'), 'createHogExtractor');
}

/**
 * Histogram of Oriented Gradients of one grayscale image, equal (≤ 1e-5, in practice bit for bit)
 * to `skimage.feature.hog(image, …, feature_vector=True)` of skimage 0.19 for a float32 image.
 * Output order: (block_row, block_col, cell_row, cell_col, orientation).
 *
 * @param image `height × width` pixels, row-major; see {@link HogImage} for uint8 scaling.
 * @throws HogInputError for a wrong buffer type/length or a bad height/width.
 * @throws HogOptionError for a bad option, a cell larger than the image or a block larger than the cell grid.
 * @example hog(digitU8, 28, 28, COURSE_HOG_OPTIONS) // Float32Array(392)
 */
export function hog(image: HogImage, height: number, width: number, options: HogOptions = {}): Float32Array {
  return cachedExtractor(height, width, options, 'hog').extract(image);
}

/**
 * {@link hog} of `count` images stored back to back in `images` (`count × height × width` values),
 * one row of `featureLength` values per image; precomputation and scratch buffers are shared.
 * @param out optional destination of exactly `count × hogFeatureLength(height, width, options)` values.
 */
export function hogBatch(images: HogImage, count: number, height: number, width: number, options: HogOptions = {}, out?: Float32Array): Float32Array {
  return cachedExtractor(height, width, options, 'hogBatch').extractBatch(images, count, out);
}
