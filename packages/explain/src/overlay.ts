/**
 * Heat maps as pictures: a map normalised to [0, 1], coloured, and blended over the grayscale
 * image it explains (alpha grows with the heat, so cold regions show the image itself). Output is
 * RGBA bytes — `new ImageData(rgba, width, height)` in a browser, `encodePng` from
 * `@nnlab/features-hog/node` in Node.
 */
import { resizeBilinear } from '@nnlab/datasets';
import { colormap, type ColormapName } from './colormap';
import { ExplainInputError } from './errors';

/** An RGBA picture (the same shape as features-hog's `RgbaImage`). */
export interface RgbaImage {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

/** A single-channel map. */
export interface HeatMap {
  values: ArrayLike<number>;
  height: number;
  width: number;
}

/**
 * Scales a non-negative map to [0, 1] by its `percentile` value (default 1 = the maximum; 0.99
 * keeps a few hot pixels from washing out the rest). An all-zero map stays zero.
 */
export function normalizeHeat(values: ArrayLike<number>, percentile = 1): Float32Array {
  const out = new Float32Array(values.length);
  if (values.length === 0) return out;
  const sorted = Float32Array.from(values).sort();
  const top = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(percentile * sorted.length) - 1))];
  if (!(top > 0)) return out;
  for (let i = 0; i < values.length; i++) out[i] = Math.max(0, Math.min(1, values[i] / top));
  return out;
}

function checkMap(name: string, m: HeatMap): void {
  if (!(Number.isInteger(m.height) && Number.isInteger(m.width) && m.height > 0 && m.width > 0) || m.values.length !== m.height * m.width) {
    throw new ExplainInputError(`${name}: ${m.values.length} values for a ${m.height}×${m.width} map`);
  }
}

function checkScale(scale: number): number {
  if (!(Number.isInteger(scale) && scale >= 1 && scale <= 64)) throw new ExplainInputError(`scale must be an integer in 1..64, got ${scale}`);
  return scale;
}

/** Options of `heatmapOverlay`. */
export interface OverlayOptions {
  /** Largest opacity of the heat colour (at heat 1). Default 0.6. */
  alpha?: number;
  colormap?: ColormapName;
  /** Integer upscale of the output (pixels stay sharp, the heat is interpolated). Default 1. */
  scale?: number;
}

/**
 * Blends the heat map `heat` (values in [0, 1], any grid; resized bilinearly) over the grayscale
 * image `base` (0–255).
 */
export function heatmapOverlay(base: HeatMap, heat: HeatMap, options: OverlayOptions = {}): RgbaImage {
  checkMap('base image', base);
  checkMap('heat map', heat);
  const alpha = options.alpha ?? 0.6;
  if (!(alpha >= 0 && alpha <= 1)) throw new ExplainInputError(`alpha must be in [0, 1], got ${alpha}`);
  const scale = checkScale(options.scale ?? 1);
  const width = base.width * scale;
  const height = base.height * scale;
  const h = heat.height === height && heat.width === width ? heat.values : resizeBilinear(heat.values, heat.height, heat.width, height, width);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const color = new Uint8ClampedArray(3);
  for (let y = 0; y < height; y++) {
    const by = Math.floor(y / scale) * base.width;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const g = Math.max(0, Math.min(255, base.values[by + Math.floor(x / scale)]));
      const t = Math.max(0, Math.min(1, h[i]));
      colormap(options.colormap ?? 'inferno', t, color);
      const a = alpha * Math.sqrt(t);
      rgba[i * 4] = g * (1 - a) + color[0] * a;
      rgba[i * 4 + 1] = g * (1 - a) + color[1] * a;
      rgba[i * 4 + 2] = g * (1 - a) + color[2] * a;
      rgba[i * 4 + 3] = 255;
    }
  }
  return { rgba, width, height };
}

/**
 * A map as a picture on its own, nearest-neighbour upscaled: inferno for [0, 1] maps, or the
 * diverging map for signed values in [−1, 1] (`signed: true`).
 */
export function heatmapImage(heat: HeatMap, options: { scale?: number; signed?: boolean } = {}): RgbaImage {
  checkMap('heat map', heat);
  const scale = checkScale(options.scale ?? 1);
  const width = heat.width * scale;
  const height = heat.height * scale;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      colormap(options.signed ? 'diverging' : 'inferno', heat.values[Math.floor(y / scale) * heat.width + Math.floor(x / scale)], rgba, o);
      rgba[o + 3] = 255;
    }
  }
  return { rgba, width, height };
}

/** Pictures of the same height side by side, `gap` white pixels apart. */
export function sideBySide(images: RgbaImage[], gap = 4): RgbaImage {
  if (images.length === 0) throw new ExplainInputError('sideBySide: no images');
  const height = Math.max(...images.map((im) => im.height));
  const width = images.reduce((s, im) => s + im.width, 0) + gap * (images.length - 1);
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  let x0 = 0;
  for (const im of images) {
    for (let y = 0; y < im.height; y++) rgba.set(im.rgba.subarray(y * im.width * 4, (y + 1) * im.width * 4), (y * width + x0) * 4);
    x0 += im.width + gap;
  }
  return { rgba, width, height };
}
