import { writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { concatBytes, crc32 } from '@nnlab/core';
import { HogInputError } from '../errors';

/** Options of {@link encodePng}. */
export interface EncodePngOptions {
  /** zlib level 0–9 for the IDAT stream. Default {@link DEFAULT_PNG_COMPRESSION_LEVEL}. */
  compressionLevel?: number;
}

/** Default zlib level of {@link encodePng}. */
export const DEFAULT_PNG_COMPRESSION_LEVEL = 6;

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function checkRaster(fn: string, rgba: unknown, width: unknown, height: unknown): asserts rgba is Uint8Array | Uint8ClampedArray {
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 0x7fffffff) {
      throw new HogInputError(name, `${fn}: ${name} must be a positive integer, got ${String(v)}`);
    }
  }
  if (!(rgba instanceof Uint8Array) && !(rgba instanceof Uint8ClampedArray)) {
    throw new HogInputError('rgba', `${fn}: rgba must be a Uint8Array or Uint8ClampedArray`);
  }
  const expected = (width as number) * (height as number) * 4;
  if (rgba.length !== expected) {
    throw new HogInputError('rgba', `${fn}: rgba has ${rgba.length} bytes but width × height × 4 = ${width} × ${height} × 4 = ${expected}`);
  }
}

/**
 * A PNG file (8-bit RGBA, non-interlaced, filter 0 on every row) of `width × height` pixels:
 * signature, IHDR, one zlib IDAT, IEND, each chunk with its CRC-32.
 * @throws HogInputError when `rgba` does not hold `width × height × 4` bytes.
 */
export function encodePng(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, options: EncodePngOptions = {}): Uint8Array {
  checkRaster('encodePng', rgba, width, height);
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const idat = deflateSync(raw, { level: options.compressionLevel ?? DEFAULT_PNG_COMPRESSION_LEVEL });
  return concatBytes([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

/** Encodes with {@link encodePng} and writes the file at `path`. */
export async function writePng(
  path: string,
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  options: EncodePngOptions = {},
): Promise<void> {
  await writeFile(path, encodePng(rgba, width, height, options));
}
