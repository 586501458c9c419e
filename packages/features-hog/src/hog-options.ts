import { HogInputError, HogOptionError } from './errors';

/** Block normalisation methods, as in `skimage.feature.hog(block_norm=…)`. */
export type HogBlockNorm = 'L1' | 'L1-sqrt' | 'L2' | 'L2-Hys';

/** Every accepted {@link HogBlockNorm}, in skimage's order. */
export const HOG_BLOCK_NORMS: readonly HogBlockNorm[] = Object.freeze(['L1', 'L1-sqrt', 'L2', 'L2-Hys'] as HogBlockNorm[]);

/** Default number of orientation bins (skimage's default). */
export const DEFAULT_HOG_ORIENTATIONS = 9;
/** Default cell size `[rows, cols]` in pixels (skimage's default). */
export const DEFAULT_HOG_PIXELS_PER_CELL: readonly [number, number] = Object.freeze([8, 8] as [number, number]);
/** Default block size `[rows, cols]` in cells (skimage's default). */
export const DEFAULT_HOG_CELLS_PER_BLOCK: readonly [number, number] = Object.freeze([3, 3] as [number, number]);
/** Default block normalisation (skimage's default). */
export const DEFAULT_HOG_BLOCK_NORM: HogBlockNorm = 'L2-Hys';
/** Default for {@link HogOptions.transformSqrt} (skimage's default). */
export const DEFAULT_HOG_TRANSFORM_SQRT = false;

/**
 * Options of {@link hog} and friends; every field is optional and defaults to skimage's default.
 * Mirrors `skimage.feature.hog(orientations, pixels_per_cell, cells_per_block, block_norm, transform_sqrt)`.
 */
export interface HogOptions {
  /** Number of orientation bins spanning 0–180° (unsigned gradients). Positive integer. Default 9. */
  orientations?: number;
  /** Cell size in pixels: `[rows, cols]`, or one number for square cells. Positive integers. Default `[8, 8]`. */
  pixelsPerCell?: number | readonly [number, number];
  /** Block size in cells: `[rows, cols]`, or one number for square blocks. Positive integers. Default `[3, 3]`. */
  cellsPerBlock?: number | readonly [number, number];
  /** Block normalisation: `'L1'`, `'L1-sqrt'`, `'L2'` or `'L2-Hys'` (clip at 0.2, renormalise). Default `'L2-Hys'`. */
  blockNorm?: HogBlockNorm;
  /** Take the square root of every pixel before the gradients (power-law compression). Default `false`. */
  transformSqrt?: boolean;
}

/** {@link HogOptions} with every default filled in and every value checked. */
export interface ResolvedHogOptions {
  readonly orientations: number;
  readonly pixelsPerCell: readonly [number, number];
  readonly cellsPerBlock: readonly [number, number];
  readonly blockNorm: HogBlockNorm;
  readonly transformSqrt: boolean;
}

/**
 * The options of the course notebook: 8 orientations, 4×4-pixel cells, 1×1-cell blocks, L2-Hys.
 * On a 28×28 MNIST digit that gives 7×7 cells × 8 bins = 392 features.
 */
export const COURSE_HOG_OPTIONS: Readonly<Required<HogOptions>> = Object.freeze({
  orientations: 8,
  pixelsPerCell: Object.freeze([4, 4] as [number, number]),
  cellsPerBlock: Object.freeze([1, 1] as [number, number]),
  blockNorm: 'L2-Hys' as HogBlockNorm,
  transformSqrt: false,
});

/** Where options meet an image size: counts of cells and blocks, and the feature length. */
export interface HogGeometry extends ResolvedHogOptions {
  readonly height: number;
  readonly width: number;
  /** Cells along rows / columns; leftover pixels at the bottom and right are ignored, as in skimage. */
  readonly cellsRows: number;
  readonly cellsCols: number;
  /** Blocks along rows / columns (blocks overlap, stride one cell). */
  readonly blocksRows: number;
  readonly blocksCols: number;
  /** `blocksRows × blocksCols × cellsPerBlock[0] × cellsPerBlock[1] × orientations`. */
  readonly featureLength: number;
}

function checkPositiveInt(fn: string, option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new HogOptionError(option, `${fn}: options.${option} must be a positive integer, got ${describe(value)}`);
  }
  return value;
}

function checkPair(fn: string, option: string, value: unknown): [number, number] {
  if (typeof value === 'number') {
    const v = checkPositiveInt(fn, option, value);
    return [v, v];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new HogOptionError(option, `${fn}: options.${option} must be a positive integer or a [rows, cols] pair of positive integers, got ${describe(value)}`);
  }
  for (const v of value) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new HogOptionError(option, `${fn}: options.${option} must be a [rows, cols] pair of positive integers, got ${describe(value)}`);
    }
  }
  return [value[0] as number, value[1] as number];
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

/**
 * Fills in defaults and checks every option on its own (positive integers, a known block norm).
 * @param fn name used at the start of error messages.
 * @throws HogOptionError naming the option at fault.
 */
export function resolveHogOptions(options: HogOptions = {}, fn = 'hog'): ResolvedHogOptions {
  if (options === null || typeof options !== 'object') {
    throw new HogOptionError('options', `${fn}: options must be an object, got ${describe(options)}`);
  }
  const orientations = checkPositiveInt(fn, 'orientations', options.orientations ?? DEFAULT_HOG_ORIENTATIONS);
  const pixelsPerCell = checkPair(fn, 'pixelsPerCell', options.pixelsPerCell ?? DEFAULT_HOG_PIXELS_PER_CELL);
  const cellsPerBlock = checkPair(fn, 'cellsPerBlock', options.cellsPerBlock ?? DEFAULT_HOG_CELLS_PER_BLOCK);
  const blockNorm = options.blockNorm ?? DEFAULT_HOG_BLOCK_NORM;
  if (!HOG_BLOCK_NORMS.includes(blockNorm)) {
    throw new HogOptionError('blockNorm', `${fn}: options.blockNorm ${describe(blockNorm)} is not one of ${HOG_BLOCK_NORMS.join(', ')}`);
  }
  const transformSqrt = options.transformSqrt ?? DEFAULT_HOG_TRANSFORM_SQRT;
  if (typeof transformSqrt !== 'boolean') {
    throw new HogOptionError('transformSqrt', `${fn}: options.transformSqrt must be a boolean, got ${describe(transformSqrt)}`);
  }
  return { orientations, pixelsPerCell, cellsPerBlock, blockNorm, transformSqrt };
}

/** Checks that `height` and `width` are positive integers. @throws HogInputError */
export function checkImageSize(fn: string, height: unknown, width: unknown): void {
  for (const [name, v] of [
    ['height', height],
    ['width', width],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new HogInputError(name, `${fn}: ${name} must be a positive integer, got ${describe(v)}`);
    }
  }
}

/**
 * Resolves options against an image size.
 * @param needBlocks also check that one block fits (features need it; the picture does not).
 * @throws HogInputError for a bad height/width; HogOptionError when a cell (or block) is larger than the image.
 */
export function hogGeometry(height: number, width: number, options: HogOptions = {}, fn = 'hog', needBlocks = true): HogGeometry {
  checkImageSize(fn, height, width);
  const o = resolveHogOptions(options, fn);
  const [cr, cc] = o.pixelsPerCell;
  if (cr > height || cc > width) {
    throw new HogOptionError('pixelsPerCell', `${fn}: options.pixelsPerCell [${cr}, ${cc}] is larger than the ${height}×${width} image`);
  }
  const cellsRows = Math.floor(height / cr);
  const cellsCols = Math.floor(width / cc);
  const [br, bc] = o.cellsPerBlock;
  if (needBlocks && (br > cellsRows || bc > cellsCols)) {
    throw new HogOptionError(
      'cellsPerBlock',
      `${fn}: options.cellsPerBlock [${br}, ${bc}] is larger than the ${cellsRows}×${cellsCols} cells ` +
        `(of ${cr}×${cc} pixels) of the ${height}×${width} image`,
    );
  }
  const blocksRows = Math.max(0, cellsRows - br + 1);
  const blocksCols = Math.max(0, cellsCols - bc + 1);
  return {
    ...o,
    height,
    width,
    cellsRows,
    cellsCols,
    blocksRows,
    blocksCols,
    featureLength: blocksRows * blocksCols * br * bc * o.orientations,
  };
}

/**
 * Length of the feature vector {@link hog} returns for a `height × width` image.
 * @example hogFeatureLength(28, 28, COURSE_HOG_OPTIONS) // 392
 */
export function hogFeatureLength(height: number, width: number, options: HogOptions = {}): number {
  return hogGeometry(height, width, options, 'hogFeatureLength').featureLength;
}
