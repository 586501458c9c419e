/**
 * MNIST-style normalisation of a free-hand digit: MNIST digits were size-normalised to fit a
 * 20×20 box (keeping the aspect ratio, anti-aliased) and centred by centre of mass in a 28×28
 * field. Drawings and photos need the same treatment before an MNIST model can read them.
 */

/** Box-filter (area) resampling: each output pixel averages the input area it covers. */
export function resizeArea(src: ArrayLike<number>, h: number, w: number, outH: number, outW: number): Float32Array {
  const out = new Float32Array(outH * outW);
  const sy = h / outH;
  const sx = w / outW;
  for (let oy = 0; oy < outH; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < outW; ox++) {
      const x0 = ox * sx;
      const x1 = x0 + sx;
      let acc = 0;
      let area = 0;
      for (let y = Math.floor(y0); y < Math.min(h, Math.ceil(y1)); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        if (wy <= 0) continue;
        for (let x = Math.floor(x0); x < Math.min(w, Math.ceil(x1)); x++) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          if (wx <= 0) continue;
          acc += src[y * w + x] * wx * wy;
          area += wx * wy;
        }
      }
      out[oy * outW + ox] = area > 0 ? acc / area : 0;
    }
  }
  return out;
}

/** Options of `centerDigit`. */
export interface CenterDigitOptions {
  /** Output side (MNIST: 28). */
  size?: number;
  /** Side of the box the digit is scaled into (MNIST: 20). */
  box?: number;
  /** Pixels above this count as ink when finding the bounding box. Default 0. */
  threshold?: number;
}

/**
 * Crops the digit (light ink on dark, 0–255) to its bounding box, scales it into a `box`×`box`
 * square keeping the aspect ratio, and places it so its centre of mass sits at the centre of a
 * `size`×`size` image. An image without ink is returned resized.
 */
export function centerDigit(gray: ArrayLike<number>, height: number, width: number, options: CenterDigitOptions = {}): Float32Array {
  const size = options.size ?? 28;
  const box = options.box ?? 20;
  const threshold = options.threshold ?? 0;
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (gray[y * width + x] > threshold) {
        if (y < top) top = y;
        if (y > bottom) bottom = y;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  if (bottom < 0) return resizeArea(gray, height, width, size, size);
  const ch = bottom - top + 1;
  const cw = right - left + 1;
  const crop = new Float32Array(ch * cw);
  for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) crop[y * cw + x] = gray[(top + y) * width + left + x];
  const scale = box / Math.max(ch, cw);
  const sh = Math.max(1, Math.round(ch * scale));
  const sw = Math.max(1, Math.round(cw * scale));
  const scaled = resizeArea(crop, ch, cw, sh, sw);
  let mass = 0;
  let my = 0;
  let mx = 0;
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const v = scaled[y * sw + x];
      mass += v;
      my += v * y;
      mx += v * x;
    }
  }
  const cy = mass > 0 ? my / mass : (sh - 1) / 2;
  const cx = mass > 0 ? mx / mass : (sw - 1) / 2;
  const offY = Math.min(size - sh, Math.max(0, Math.round((size - 1) / 2 - cy)));
  const offX = Math.min(size - sw, Math.max(0, Math.round((size - 1) / 2 - cx)));
  const out = new Float32Array(size * size);
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) out[(offY + y) * size + offX + x] = scaled[y * sw + x];
  return out;
}
