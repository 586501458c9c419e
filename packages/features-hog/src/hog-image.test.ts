import { hogImage } from './hog-image';
import { COURSE_HOG_OPTIONS } from './hog-options';
import { HogInputError, HogOptionError } from './errors';
import { compare, readF32, readImages, readIndex, toHogOptions } from './testing/fixtures';

const index = readIndex();

describe(`hogImage parity with skimage.feature.hog(visualize=True) ${index.skimage}`, () => {
  it.each(index.visualize.map((s) => [s.name, s.count, s] as const))('%s (%p images): max |diff| <= 1e-5', (_n, _c, set) => {
    const imgs = readImages(index, set.images);
    const ref = readF32(set.file);
    const size = imgs.height * imgs.width;
    for (let i = 0; i < set.count; i++) {
      const pic = hogImage(imgs.data.subarray(i * size, (i + 1) * size), imgs.height, imgs.width, toHogOptions(set.params));
      expect(compare(pic, ref.subarray(i * size, (i + 1) * size)).maxAbs).toBeLessThanOrEqual(1e-5);
    }
  });

  it('is the size of the image and ignores block options that do not fit', () => {
    const img = readImages(index, 'mnist').data.subarray(0, 784);
    const pic = hogImage(img, 28, 28, { ...COURSE_HOG_OPTIONS, cellsPerBlock: 30 });
    expect(pic).toHaveLength(784);
    expect(pic).toEqual(hogImage(img, 28, 28, COURSE_HOG_OPTIONS));
    expect(Math.max(...pic)).toBeGreaterThan(0);
  });

  it('validates like hog', () => {
    expect(() => hogImage(new Uint8Array(10), 28, 28)).toThrow(HogInputError);
    expect(() => hogImage(new Uint8Array(784), 28, 28, { pixelsPerCell: 40 })).toThrow(HogOptionError);
  });
});
