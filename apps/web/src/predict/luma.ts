/**
 * RGBA pixels → 8-bit grayscale with the BT.601 luma weights (0.299 R + 0.587 G + 0.114 B,
 * rounded), as the CLI's decoder (`decodeGrayscale`, like libjpeg/libpng) does.
 */
export function rgbaToGray(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  if (rgba.length !== n * 4) throw new RangeError(`rgbaToGray: ${rgba.length} bytes for ${width}×${height} RGBA`);
  const out = new Uint8Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 4) out[i] = Math.round(0.299 * rgba[p] + 0.587 * rgba[p + 1] + 0.114 * rgba[p + 2]);
  return out;
}
