/** Small canvases showing grayscale images and RGBA pictures, scaled up without smoothing. */
import type { RgbaImage } from '@nnlab/features-hog';
import { h } from './dom';

/** A canvas showing `values` (row-major `height × width`, 0–1 floats or 0–255 with `max` 255). */
export function grayCanvas(values: ArrayLike<number>, width: number, height: number, scale: number, max = 1, testId?: string): HTMLCanvasElement {
  const canvas = h('canvas', { width, height, class: 'pixelated', 'data-testid': testId });
  canvas.style.width = `${width * scale}px`;
  canvas.style.height = `${height * scale}px`;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const v = Math.round((values[i] / max) * 255);
    img.data[4 * i] = v;
    img.data[4 * i + 1] = v;
    img.data[4 * i + 2] = v;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** A canvas showing an RGBA raster (e.g. `renderHogPicture`) at its size. */
export function rgbaCanvas(picture: RgbaImage, testId?: string): HTMLCanvasElement {
  const canvas = h('canvas', { width: picture.width, height: picture.height, 'data-testid': testId });
  canvas.getContext('2d')!.putImageData(new ImageData(picture.rgba as Uint8ClampedArray<ArrayBuffer>, picture.width, picture.height), 0, 0);
  return canvas;
}

/**
 * A canvas showing a grayscale image fitted into a `maxSide` box: large images are scaled down
 * (smoothly), small ones (e.g. 28×28) scaled up with visible pixels.
 */
export function fittedGrayCanvas(gray: Uint8Array, width: number, height: number, maxSide: number, testId?: string): HTMLCanvasElement {
  const fit = maxSide / Math.max(width, height);
  if (fit >= 1) {
    const canvas = grayCanvas(gray, width, height, Math.floor(fit), 255, testId);
    return canvas;
  }
  const full = grayCanvas(gray, width, height, 1, 255);
  const canvas = h('canvas', { width: Math.max(1, Math.round(width * fit)), height: Math.max(1, Math.round(height * fit)), 'data-testid': testId });
  canvas.getContext('2d')!.drawImage(full, 0, 0, canvas.width, canvas.height);
  return canvas;
}
