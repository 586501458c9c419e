// Bilinear resizing of single-channel (or interleaved multi-channel) images with TensorFlow's
// semantics. The default is tf.image.resize(method='bilinear', antialias=False) — half-pixel
// centers — which Keras' image_dataset_from_directory uses. The legacy conventions of
// tf.image.resize_bilinear / tfjs resizeBilinear are available through the options.
import { DatasetArgumentError } from './errors';

/** Options of {@link resizeBilinear}. */
export interface ResizeBilinearOptions {
  /**
   * Sample output pixel `i` at input coordinate `(i + 0.5) · in/out − 0.5` (default `true`, as
   * tf.image.resize). `false` gives the legacy `i · in/out` (tfjs `resizeBilinear` default).
   */
  halfPixelCenters?: boolean;
  /** Legacy: map corner pixels onto corner pixels, `i · (in−1)/(out−1)` (default `false`). */
  alignCorners?: boolean;
  /** Interleaved channels per pixel (default 1). */
  channels?: number;
  /** Write into this array (at `offset`) instead of allocating one. */
  out?: Float32Array;
  /** Where in `out` to start writing (default 0). */
  offset?: number;
}

interface Axis {
  lower: Int32Array;
  upper: Int32Array;
  lerp: Float64Array;
}

function axis(inSize: number, outSize: number, halfPixel: boolean, alignCorners: boolean): Axis {
  const lower = new Int32Array(outSize);
  const upper = new Int32Array(outSize);
  const lerp = new Float64Array(outSize);
  const scale = alignCorners && outSize > 1 ? (inSize - 1) / (outSize - 1) : inSize / outSize;
  for (let i = 0; i < outSize; i++) {
    const x = halfPixel ? (i + 0.5) * scale - 0.5 : i * scale;
    const xf = Math.floor(x);
    lower[i] = Math.max(xf, 0);
    upper[i] = Math.min(Math.ceil(x), inSize - 1);
    lerp[i] = x - xf;
  }
  return { lower, upper, lerp };
}

/**
 * Resizes the `h × w` image `src` (row-major, `channels` interleaved) to `outH × outW`, exactly as
 * TensorFlow's bilinear kernel computes it (lower/upper neighbours clamped to the image, lerp
 * weights from the unclamped coordinate). Values are not rounded.
 * @throws DatasetArgumentError for non-positive sizes, a `src` of the wrong length, or both
 * `alignCorners` and `halfPixelCenters` (TensorFlow refuses that too).
 */
export function resizeBilinear(src: ArrayLike<number>, h: number, w: number, outH: number, outW: number, options: ResizeBilinearOptions = {}): Float32Array {
  const channels = options.channels ?? 1;
  const alignCorners = options.alignCorners ?? false;
  const halfPixel = options.halfPixelCenters ?? !alignCorners;
  for (const [name, v] of [
    ['h', h],
    ['w', w],
    ['outH', outH],
    ['outW', outW],
    ['channels', channels],
  ] as const) {
    if (!(Number.isInteger(v) && v > 0)) throw new DatasetArgumentError('resizeBilinear', name, `must be a positive integer, got ${v}`);
  }
  if (alignCorners && halfPixel) throw new DatasetArgumentError('resizeBilinear', 'options', 'cannot use both alignCorners and halfPixelCenters');
  if (src.length !== h * w * channels) {
    throw new DatasetArgumentError('resizeBilinear', 'src', `has ${src.length} values, expected ${h}×${w}×${channels} = ${h * w * channels}`);
  }
  const offset = options.offset ?? 0;
  const n = outH * outW * channels;
  const out = options.out ?? new Float32Array(n);
  if (offset < 0 || offset + n > out.length) throw new DatasetArgumentError('resizeBilinear', 'out', `is too short for ${n} values at offset ${offset}`);
  const ys = axis(h, outH, halfPixel, alignCorners);
  const xs = axis(w, outW, halfPixel, alignCorners);
  let o = offset;
  for (let y = 0; y < outH; y++) {
    const top = ys.lower[y] * w;
    const bottom = ys.upper[y] * w;
    const yl = ys.lerp[y];
    for (let x = 0; x < outW; x++) {
      const left = xs.lower[x];
      const right = xs.upper[x];
      const xl = xs.lerp[x];
      for (let c = 0; c < channels; c++) {
        const tl = src[(top + left) * channels + c];
        const tr = src[(top + right) * channels + c];
        const bl = src[(bottom + left) * channels + c];
        const br = src[(bottom + right) * channels + c];
        const t = tl + (tr - tl) * xl;
        const b = bl + (br - bl) * xl;
        out[o++] = t + (b - t) * yl;
      }
    }
  }
  return out;
}
