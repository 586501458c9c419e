import { HogInputError, HogOptionError } from './errors';
import type { HogImage } from './hog';
import { checkImageBuffer } from './input-checks';
import { hogImage } from './hog-image';
import { checkImageSize, type HogOptions } from './hog-options';

/** Default upscaling factor of {@link renderHogPicture}. */
export const DEFAULT_RENDER_SCALE = 4;
/** Default gap between the two panels, in source pixels (multiplied by `scale`). */
export const DEFAULT_RENDER_GAP = 2;
/** Default RGB colour of the gap. */
export const DEFAULT_RENDER_BACKGROUND: readonly [number, number, number] = Object.freeze([96, 96, 96] as [number, number, number]);

/** Options of {@link renderHogPicture}: the HOG options of the picture plus layout. */
export interface RenderHogPictureOptions extends HogOptions {
  /** Integer nearest-neighbour upscaling of both panels. Default 4. */
  scale?: number;
  /** Gap between digit and picture, in source pixels (× `scale` in the output). Default 2. */
  gap?: number;
  /** RGB colour of the gap, 0–255 each. Default `[96, 96, 96]`. */
  background?: readonly [number, number, number];
  /** A picture from {@link hogImage} to show instead of computing one (`height × width` values). */
  picture?: Float32Array;
}

/** An RGBA raster, ready for `new ImageData(rgba, width, height)` or `encodePng` in `./node`. */
export interface RgbaImage {
  /** `width × height × 4` bytes, row-major RGBA, opaque. */
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

function checkScale(name: 'scale' | 'gap', v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new HogOptionError(name, `renderHogPicture: options.${name} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

/**
 * The digit (left) and its HOG picture (right) side by side, for a canvas or a PNG. The digit is
 * shown as gray levels (uint8 as is, float as `x · 255` clamped); the picture as white lines on
 * black, scaled so that its brightest pixel is 255 (like `matplotlib.imshow` of skimage's `hog_image`).
 *
 * @returns `(height · scale) × (2 · width + gap) · scale` RGBA pixels.
 * @throws HogInputError / HogOptionError as {@link hogImage}, or for a bad scale, gap, background or picture.
 */
export function renderHogPicture(image: HogImage, height: number, width: number, options: RenderHogPictureOptions = {}): RgbaImage {
  const scale = checkScale('scale', options.scale ?? DEFAULT_RENDER_SCALE, 1);
  const gap = checkScale('gap', options.gap ?? DEFAULT_RENDER_GAP, 0);
  const bg = options.background ?? DEFAULT_RENDER_BACKGROUND;
  if (!Array.isArray(bg) || bg.length !== 3 || bg.some((v) => typeof v !== 'number' || !(v >= 0 && v <= 255))) {
    throw new HogOptionError('background', 'renderHogPicture: options.background must be [r, g, b] with values 0–255');
  }
  checkImageSize('renderHogPicture', height, width);
  checkImageBuffer('renderHogPicture', 'image', image, height * width, `height × width = ${height} × ${width}`);
  const picture = options.picture ?? hogImage(image, height, width, options);
  if (!(picture instanceof Float32Array) || picture.length !== height * width) {
    throw new HogInputError('picture', `renderHogPicture: options.picture must be a Float32Array of height × width = ${height * width} values`);
  }

  const outW = (2 * width + gap) * scale;
  const outH = height * scale;
  const rgba = new Uint8ClampedArray(outW * outH * 4);
  for (let i = 0; i < outW * outH; i++) {
    rgba[4 * i] = bg[0];
    rgba[4 * i + 1] = bg[1];
    rgba[4 * i + 2] = bg[2];
    rgba[4 * i + 3] = 255;
  }
  let max = 0;
  for (let i = 0; i < picture.length; i++) if (picture[i] > max) max = picture[i];
  const isU8 = image instanceof Uint8Array;
  const paint = (panelX: number, gray: (i: number) => number): void => {
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        const v = gray(r * width + c); // Uint8ClampedArray rounds and clamps
        for (let dy = 0; dy < scale; dy++) {
          let o = ((r * scale + dy) * outW + panelX + c * scale) * 4;
          for (let dx = 0; dx < scale; dx++, o += 4) {
            rgba[o] = v;
            rgba[o + 1] = v;
            rgba[o + 2] = v;
          }
        }
      }
    }
  };
  paint(0, (i) => (isU8 ? image[i] : image[i] * 255));
  paint((width + gap) * scale, (i) => (max > 0 ? (picture[i] / max) * 255 : 0));
  return { rgba, width: outW, height: outH };
}
