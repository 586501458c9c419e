import {
  COURSE_HOG_OPTIONS,
  DEFAULT_HOG_BLOCK_NORM,
  DEFAULT_HOG_CELLS_PER_BLOCK,
  DEFAULT_HOG_ORIENTATIONS,
  DEFAULT_HOG_PIXELS_PER_CELL,
  hogFeatureLength,
  hogGeometry,
  resolveHogOptions,
} from './hog-options';
import { HogOptionError } from './errors';

describe('hog options', () => {
  it('defaults are skimage 0.19 defaults', () => {
    expect(resolveHogOptions()).toEqual({
      orientations: DEFAULT_HOG_ORIENTATIONS,
      pixelsPerCell: [...DEFAULT_HOG_PIXELS_PER_CELL],
      cellsPerBlock: [...DEFAULT_HOG_CELLS_PER_BLOCK],
      blockNorm: DEFAULT_HOG_BLOCK_NORM,
      transformSqrt: false,
    });
    expect([DEFAULT_HOG_ORIENTATIONS, DEFAULT_HOG_PIXELS_PER_CELL, DEFAULT_HOG_CELLS_PER_BLOCK, DEFAULT_HOG_BLOCK_NORM]).toEqual([9, [8, 8], [3, 3], 'L2-Hys']);
  });

  it('course options: 8 bins, 4×4 cells, 1×1 blocks, L2-Hys, frozen', () => {
    expect(COURSE_HOG_OPTIONS).toEqual({ orientations: 8, pixelsPerCell: [4, 4], cellsPerBlock: [1, 1], blockNorm: 'L2-Hys', transformSqrt: false });
    expect(Object.isFrozen(COURSE_HOG_OPTIONS)).toBe(true);
    expect(Object.isFrozen(COURSE_HOG_OPTIONS.pixelsPerCell)).toBe(true);
  });

  it('geometry ignores leftover pixels and counts overlapping blocks', () => {
    expect(hogFeatureLength(28, 28, COURSE_HOG_OPTIONS)).toBe(392);
    expect(hogFeatureLength(28, 28)).toBe(81); // 3×3 cells of 8 px → one 3×3 block × 9 bins
    expect(hogGeometry(31, 37, { pixelsPerCell: [5, 6], cellsPerBlock: [2, 3], orientations: 7 })).toMatchObject({
      cellsRows: 6,
      cellsCols: 6,
      blocksRows: 5,
      blocksCols: 4,
      featureLength: 5 * 4 * 2 * 3 * 7,
    });
  });

  it('rejects a non-object options argument', () => {
    expect(() => resolveHogOptions(null as never)).toThrow(HogOptionError);
  });
});
