import { renderHogPicture } from './render-hog-picture';
import { hogImage } from './hog-image';
import { COURSE_HOG_OPTIONS } from './hog-options';
import { HogInputError, HogOptionError } from './errors';

function square(): Uint8Array {
  const img = new Uint8Array(28 * 28);
  for (let r = 8; r < 20; r++) for (let c = 8; c < 20; c++) img[r * 28 + c] = 255;
  return img;
}

describe('renderHogPicture', () => {
  it('lays digit and picture side by side at the given scale', () => {
    const { rgba, width, height } = renderHogPicture(square(), 28, 28, { ...COURSE_HOG_OPTIONS, scale: 3, gap: 2 });
    expect([width, height]).toEqual([(28 * 2 + 2) * 3, 28 * 3]);
    expect(rgba).toBeInstanceOf(Uint8ClampedArray);
    expect(rgba).toHaveLength(width * height * 4);
    const px = (x: number, y: number) => Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));
    expect(px(10 * 3, 10 * 3)).toEqual([255, 255, 255, 255]); // inside the square
    expect(px(0, 0)).toEqual([0, 0, 0, 255]);
    expect(px(28 * 3 + 1, 0)).toEqual([96, 96, 96, 255]); // gap
    // the brightest HOG pixel is white
    const pic = hogImage(square(), 28, 28, COURSE_HOG_OPTIONS);
    const k = pic.indexOf(Math.max(...pic));
    const [r, c] = [Math.floor(k / 28), k % 28];
    expect(px((30 + c) * 3 + 1, r * 3 + 1)).toEqual([255, 255, 255, 255]);
  });

  it('accepts float images in [0, 1] and a precomputed picture', () => {
    const f = Float32Array.from(square(), (x) => x / 255);
    const a = renderHogPicture(f, 28, 28, { ...COURSE_HOG_OPTIONS, scale: 1 });
    const b = renderHogPicture(square(), 28, 28, { scale: 1, picture: hogImage(square(), 28, 28, COURSE_HOG_OPTIONS) });
    expect(a.rgba).toEqual(b.rgba);
  });

  it('rejects bad layout options and pictures', () => {
    expect(() => renderHogPicture(square(), 28, 28, { scale: 0 })).toThrow(HogOptionError);
    expect(() => renderHogPicture(square(), 28, 28, { gap: 1.5 })).toThrow(/options\.gap must be an integer >= 0/);
    expect(() => renderHogPicture(square(), 28, 28, { background: [0, 0, 300] })).toThrow(/options\.background/);
    expect(() => renderHogPicture(square(), 28, 28, { picture: new Float32Array(3) })).toThrow(HogInputError);
  });
});
