/**
 * Decodes an uploaded image (JPEG, PNG…) to 8-bit grayscale in the browser: the browser's decoder
 * without colour-space conversion or alpha premultiplication, drawn on a canvas, then luma.
 */
import { imageHeaderSize } from './image-header-size';
import { rgbaToGray } from './luma';

/** A grayscale image, row-major. */
export interface GrayImage {
  gray: Uint8Array;
  width: number;
  height: number;
}

/** Largest image accepted (pixels), like the CLI's default. */
export const MAX_UPLOAD_PIXELS = 50_000_000;

/** Decodes `file` to grayscale; an image over MAX_UPLOAD_PIXELS is refused from its header, before decoding. */
export async function decodeImageFile(file: Blob): Promise<GrayImage> {
  const name = (file as File).name ?? 'image';
  const header = imageHeaderSize(new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer()));
  if (header && header.width * header.height > MAX_UPLOAD_PIXELS) {
    throw new Error(`${name}: ${header.width}×${header.height} pixels is too large (at most ${MAX_UPLOAD_PIXELS.toLocaleString('en')} pixels)`);
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw new Error(`${(file as File).name ?? 'image'}: the browser cannot decode this file as an image`);
  }
  try {
    const { width, height } = bitmap;
    if (width * height > MAX_UPLOAD_PIXELS) throw new Error(`image of ${width}×${height} pixels is too large`);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
    return { gray: rgbaToGray(data, width, height), width, height };
  } finally {
    bitmap.close();
  }
}
