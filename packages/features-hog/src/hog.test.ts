import { createHogExtractor, hog, hogBatch } from './hog';
import { COURSE_HOG_OPTIONS, hogFeatureLength } from './hog-options';
import { HogInputError, HogOptionError } from './errors';
import { compare, readF32, readImages, readIndex, toHogOptions } from './testing/fixtures';

const index = readIndex();
const imageSets = Object.fromEntries(Object.keys(index.images).map((k) => [k, readImages(index, k)]));
const mnist = imageSets.mnist;
const digit = mnist.data.subarray(0, 784) as Uint8Array;

describe(`hog parity with skimage.feature.hog ${index.skimage}`, () => {
  it.each(index.sets.map((s) => [s.name, s.count, s] as const))('%s (%p images): max |diff| <= 1e-5', (_name, _count, set) => {
    const imgs = imageSets[set.images];
    const opts = toHogOptions(set.params);
    expect(hogFeatureLength(imgs.height, imgs.width, opts)).toBe(set.featureLength);
    const ours = hogBatch(imgs.data, set.count, imgs.height, imgs.width, opts);
    const { maxAbs } = compare(ours, readF32(set.file));
    expect(maxAbs).toBeLessThanOrEqual(1e-5);
  });

  it('covers every parameter the brief names', () => {
    const p = index.sets.filter((s) => s.images === 'mnist').map((s) => s.params);
    expect(p.length).toBeGreaterThanOrEqual(33);
    for (const s of index.sets.filter((s) => s.images === 'mnist')) expect(s.count).toBeGreaterThanOrEqual(200);
    expect(new Set(p.map((x) => x.pixels_per_cell[0]))).toEqual(new Set([4, 7]));
    expect(new Set(p.map((x) => x.orientations))).toEqual(new Set([8, 9]));
    expect(new Set(p.map((x) => x.cells_per_block?.[0]))).toEqual(new Set([1, 2]));
    expect(new Set(p.map((x) => x.block_norm))).toEqual(new Set(['L1', 'L1-sqrt', 'L2', 'L2-Hys']));
    expect(p.some((x) => x.transform_sqrt)).toBe(true);
  });
});

describe('hog / hogBatch / createHogExtractor', () => {
  it('hog() of one image equals its row of hogBatch()', () => {
    const len = hogFeatureLength(28, 28, COURSE_HOG_OPTIONS);
    const batch = hogBatch(mnist.data.subarray(0, 5 * 784), 5, 28, 28, COURSE_HOG_OPTIONS);
    for (let i = 0; i < 5; i++) {
      expect(hog(mnist.data.subarray(i * 784, (i + 1) * 784), 28, 28, COURSE_HOG_OPTIONS)).toEqual(batch.subarray(i * len, (i + 1) * len));
    }
  });

  it('uint8 input equals float32 input scaled by fround(x / 255)', () => {
    const f32 = Float32Array.from(digit, (x) => x / 255);
    const opts = { orientations: 9, pixelsPerCell: 7, cellsPerBlock: 2 };
    expect(hog(digit, 28, 28, opts)).toEqual(hog(f32, 28, 28, opts));
  });

  it('accepts a number or a pair for pixelsPerCell and cellsPerBlock', () => {
    expect(hog(digit, 28, 28, { pixelsPerCell: 4, cellsPerBlock: 1, orientations: 8 })).toEqual(hog(digit, 28, 28, COURSE_HOG_OPTIONS));
  });

  it('per-call option changes are honoured (the per-image cache is keyed on every option)', () => {
    const opts = { orientations: 8, pixelsPerCell: [4, 4] as [number, number], cellsPerBlock: 1, blockNorm: 'L2-Hys' as const };
    const a = hog(digit, 28, 28, opts);
    opts.pixelsPerCell[0] = 7; // mutate in place: must not reuse the 4×4 extractor
    expect(hog(digit, 28, 28, opts)).toHaveLength(4 * 7 * 8);
    opts.pixelsPerCell[0] = 4;
    expect(hog(digit, 28, 28, opts)).toEqual(a);
    expect(hog(digit, 28, 28, { ...opts, blockNorm: 'L1' })).not.toEqual(a);
    expect(hog(digit, 28, 28, { ...opts, transformSqrt: true })).not.toEqual(a);
    expect(hog(digit, 28, 28, { ...opts, orientations: 9 })).toHaveLength(7 * 7 * 9);
    expect(() => hog(digit, 28, 28, { ...opts, orientations: 0 })).toThrow(HogOptionError);
  });

  it('writes into out and reuses an extractor across calls', () => {
    const ex = createHogExtractor(28, 28, COURSE_HOG_OPTIONS);
    expect(ex.featureLength).toBe(392);
    expect(ex.geometry).toMatchObject({ cellsRows: 7, cellsCols: 7, blocksRows: 7, blocksCols: 7 });
    const out = new Float32Array(2 * 392);
    expect(ex.extractBatch(mnist.data.subarray(0, 2 * 784), 2, out)).toBe(out);
    const one = new Float32Array(392);
    expect(ex.extract(mnist.data.subarray(784, 2 * 784), one)).toBe(one);
    expect(one).toEqual(out.subarray(392));
    expect(ex.extractBatch(new Uint8Array(0), 0)).toEqual(new Float32Array(0));
  });

  it('L2-Hys features lie in [0, 1] and an empty image gives zeros', () => {
    const f = hog(digit, 28, 28, COURSE_HOG_OPTIONS);
    expect(Math.min(...f)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...f)).toBeLessThanOrEqual(1);
    expect(hog(new Uint8Array(784), 28, 28, COURSE_HOG_OPTIONS).every((v) => v === 0)).toBe(true);
  });
});

describe('hog validation', () => {
  const bad: [string, () => unknown, RegExp, string][] = [
    ['zero orientations', () => hog(digit, 28, 28, { orientations: 0 }), /options\.orientations must be a positive integer, got 0/, 'orientations'],
    ['negative orientations', () => hog(digit, 28, 28, { orientations: -3 }), /options\.orientations/, 'orientations'],
    ['fractional orientations', () => hog(digit, 28, 28, { orientations: 8.5 }), /options\.orientations .* got 8\.5/, 'orientations'],
    ['fractional cell', () => hog(digit, 28, 28, { pixelsPerCell: [4, 4.5] }), /options\.pixelsPerCell .* got \[4, 4\.5\]/, 'pixelsPerCell'],
    [
      'cell larger than the image',
      () => hog(digit, 28, 28, { pixelsPerCell: [29, 4] }),
      /pixelsPerCell \[29, 4\] is larger than the 28×28 image/,
      'pixelsPerCell',
    ],
    [
      'block larger than the cell grid',
      () => hog(digit, 28, 28, { pixelsPerCell: 8, cellsPerBlock: 4 }),
      /cellsPerBlock \[4, 4\] is larger than the 3×3 cells/,
      'cellsPerBlock',
    ],
    ['zero block', () => hog(digit, 28, 28, { cellsPerBlock: 0 }), /options\.cellsPerBlock must be a positive integer, got 0/, 'cellsPerBlock'],
    [
      'unknown block norm',
      () => hog(digit, 28, 28, { blockNorm: 'L3' as never }),
      /options\.blockNorm "L3" is not one of L1, L1-sqrt, L2, L2-Hys/,
      'blockNorm',
    ],
    ['non-boolean transformSqrt', () => hog(digit, 28, 28, { transformSqrt: 1 as never }), /options\.transformSqrt must be a boolean/, 'transformSqrt'],
  ];
  it.each(bad)('%s → HogOptionError', (_what, f, message, option) => {
    expect(f).toThrow(HogOptionError);
    expect(f).toThrow(message);
    try {
      f();
    } catch (e) {
      expect((e as HogOptionError).option).toBe(option);
    }
  });

  const badInput: [string, () => unknown, RegExp, string][] = [
    ['short image', () => hog(digit.subarray(0, 700), 28, 28), /hog: image has 700 values but height × width = 28 × 28 = 784/, 'image'],
    ['wrong type', () => hog([1, 2, 3] as never, 28, 28), /image must be a Float32Array or Uint8Array, got Array/, 'image'],
    ['fractional height', () => hog(digit, 27.5, 28), /height must be a positive integer, got 27\.5/, 'height'],
    ['zero width', () => hog(digit, 28, 0), /width must be a positive integer, got 0/, 'width'],
    ['batch length', () => hogBatch(digit, 2, 28, 28), /hogBatch: images has 784 values but count × height × width = 2 × 28 × 28 = 1568/, 'images'],
    ['negative count', () => hogBatch(digit, -1, 28, 28), /count must be a non-negative integer/, 'count'],
    [
      'out length',
      () => hogBatch(digit, 1, 28, 28, COURSE_HOG_OPTIONS, new Float32Array(10)),
      /out has 10 values but count × featureLength = 1 × 392 = 392/,
      'out',
    ],
  ];
  it.each(badInput)('%s → HogInputError', (_what, f, message, argument) => {
    expect(f).toThrow(HogInputError);
    expect(f).toThrow(message);
    try {
      f();
    } catch (e) {
      expect((e as HogInputError).argument).toBe(argument);
    }
  });
});
