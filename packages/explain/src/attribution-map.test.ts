import { COURSE_HOG_OPTIONS, hogFeatureLength } from '@nnlab/features-hog';
import { attributionMap } from './attribution-map';
import { ExplainInputError } from './errors';
import { heatMass } from './heat-mass';
import { heatmapImage, heatmapOverlay, normalizeHeat, sideBySide } from './overlay';

describe('attributionMap', () => {
  it('sums |attribution| over channels per pixel and keeps the signed sum', () => {
    const m = attributionMap([1, -2, -3, 0.5], { kind: 'image', height: 1, width: 2, channels: 2 });
    expect(Array.from(m.values)).toEqual([3, 3.5]);
    expect(Array.from(m.signed!)).toEqual([-1, -2.5]);
  });

  it('maps a HOG feature back to the cell of its histogram (course HOG: 7×7 cells of 4×4 px)', () => {
    const n = hogFeatureLength(28, 28, COURSE_HOG_OPTIONS);
    const v = new Float32Array(n);
    // cell (row 2, col 5), orientation 3: skimage order block-row, block-col, cell, orientation
    v[(2 * 7 + 5) * COURSE_HOG_OPTIONS.orientations! + 3] = -0.75;
    const m = attributionMap(v, { kind: 'hog', height: 28, width: 28, hog: COURSE_HOG_OPTIONS });
    expect(m.cells!.values[2 * 7 + 5]).toBeCloseTo(0.75);
    expect(m.cells!.values.reduce((a, b) => a + b, 0)).toBeCloseTo(0.75);
    expect(m.values[(2 * 4 + 1) * 28 + 5 * 4 + 3]).toBeCloseTo(0.75);
    expect(m.values[0]).toBe(0);
  });

  it('adds a cell’s bins from every overlapping block', () => {
    const hog = { orientations: 2, pixelsPerCell: [2, 2] as [number, number], cellsPerBlock: [2, 2] as [number, number] };
    const n = hogFeatureLength(6, 6, hog); // 3×3 cells, 2×2 blocks of 2×2 cells
    const m = attributionMap(new Float32Array(n).fill(1), { kind: 'hog', height: 6, width: 6, hog });
    // the centre cell lies in all four blocks, a corner cell in one: 4·2 and 1·2
    expect(m.cells!.values[4]).toBe(8);
    expect(m.cells!.values[0]).toBe(2);
  });

  it('refuses attributions of the wrong length', () => {
    expect(() => attributionMap([1, 2, 3], { kind: 'image', height: 2, width: 2 })).toThrow(ExplainInputError);
  });
});

describe('overlay pictures', () => {
  it('normalises by the max (or a percentile) and keeps zero maps zero', () => {
    expect(Array.from(normalizeHeat([0, 2, 4]))).toEqual([0, 0.5, 1]);
    expect(Array.from(normalizeHeat([0, 0]))).toEqual([0, 0]);
    expect(normalizeHeat([1, 1, 1, 100], 0.75)[0]).toBe(1);
  });

  it('shows the image where the heat is zero and colours where it is hot', () => {
    const base = { values: [10, 200, 10, 200], height: 2, width: 2 };
    const o = heatmapOverlay(base, { values: [0, 0, 0, 1], height: 2, width: 2 }, { alpha: 0.5, scale: 2 });
    expect([o.width, o.height, o.rgba.length]).toEqual([4, 4, 64]);
    expect(Array.from(o.rgba.slice(0, 4))).toEqual([10, 10, 10, 255]);
    const hot = o.rgba.slice((3 * 4 + 3) * 4, (3 * 4 + 3) * 4 + 3);
    expect(hot[0]).not.toBe(hot[2]); // coloured, no longer gray
  });

  it('draws maps and joins pictures side by side', () => {
    const a = heatmapImage({ values: [0, 1], height: 1, width: 2 }, { scale: 3 });
    expect([a.width, a.height]).toEqual([6, 3]);
    const s = sideBySide([a, a], 2);
    expect([s.width, s.height]).toEqual([14, 3]);
    expect(Array.from(s.rgba.slice(6 * 4, 6 * 4 + 4))).toEqual([255, 255, 255, 255]);
  });
});

describe('heatMass', () => {
  it('splits mass between the inner box and the border band', () => {
    const v = new Float32Array(100);
    v[55] = 3; // inner
    v[0] = 1; // corner
    const r = heatMass({ values: v, height: 10, width: 10 }, 0.2);
    expect(r.inner).toBeCloseTo(0.75);
    expect(r.border).toBeCloseTo(0.25);
    expect(r.innerArea).toBeCloseTo(0.36);
  });
});
