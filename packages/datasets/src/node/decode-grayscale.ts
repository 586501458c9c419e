// Decodes an image file to 8-bit grayscale with sharp, the way Keras' decode_image(channels=1)
// sees it: 1-channel images as stored (16-bit samples reduced to their high byte), colour images
// converted with the BT.601 luma weights libjpeg/libpng use (0.299 R + 0.587 G + 0.114 B, rounded).
// Embedded ICC profiles are ignored and no EXIF rotation is applied (TensorFlow does neither; sharp
// would otherwise convert e.g. a gray-gamma profile to sRGB and shift every value). The header is
// read and its size checked before anything is decoded.
import { endianness } from 'node:os';
import sharp from 'sharp';
import { DatasetFormatError } from '../errors';
import { readDataFile } from './read-data-file';

/** Largest image (width × height) decoded unless told otherwise: 64 Mpx (e.g. 8000 × 8000). */
export const DEFAULT_MAX_IMAGE_PIXELS = 64_000_000;

/** An 8-bit grayscale image, row-major. */
export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reads and decodes `path` to grayscale.
 * @throws DatasetNotFoundError naming `path` when it does not exist; DatasetFormatError naming it
 * when it is not a regular file, the header cannot be read, claims more than
 * `maxPixels` pixels, or the data is corrupt or truncated.
 */
export async function decodeGrayscale(path: string, maxPixels = DEFAULT_MAX_IMAGE_PIXELS): Promise<GrayImage> {
  const bytes = readDataFile(path);
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new DatasetFormatError(path, `cannot read the image header (${message(e)})`, { cause: e });
  }
  const { width, height } = meta;
  if (!width || !height) throw new DatasetFormatError(path, 'image header has no size');
  if (width * height > maxPixels) {
    throw new DatasetFormatError(path, `image header claims ${width}×${height} = ${width * height} pixels, more than maxPixels = ${maxPixels}; not decoded`);
  }
  const gray = meta.channels !== undefined && meta.channels <= 2 && (meta.space === 'b-w' || meta.space === 'grey16');
  const deep = meta.depth === 'ushort';
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'warning', ignoreIcc: true })
      .removeAlpha()
      .toColourspace(gray ? (deep ? 'grey16' : 'b-w') : deep ? 'rgb16' : 'srgb')
      .raw({ depth: deep ? 'ushort' : 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.width !== width || info.height !== height) {
      throw new Error(`decoded ${info.width}×${info.height}, the header says ${width}×${height}`);
    }
    const n = width * height;
    const c = info.channels;
    // 16-bit samples keep their high byte, as libpng's png_set_strip_16 (used by TensorFlow)
    let px: Uint8Array;
    if (deep) {
      px = new Uint8Array(n * c);
      const hi = endianness() === 'LE' ? 1 : 0; // sharp writes samples in host byte order
      for (let i = 0; i < px.length; i++) px[i] = data[2 * i + hi];
    } else px = new Uint8Array(data.buffer, data.byteOffset, n * c);
    if (c === 1) return { data: px, width, height };
    const out = new Uint8Array(n);
    for (let i = 0, p = 0; i < n; i++, p += c) {
      out[i] = Math.round(0.299 * px[p] + 0.587 * px[p + 1] + 0.114 * px[p + 2]);
    }
    return { data: out, width, height };
  } catch (e) {
    throw new DatasetFormatError(path, `cannot decode the image (${message(e)})`, { cause: e });
  }
}
