// Image formats recognised by their first bytes.

/** Image formats the folder loaders know. */
export type ImageType = 'jpeg' | 'png' | 'gif' | 'bmp' | 'webp';

/** Bytes {@link sniffImageType} needs to see. */
export const IMAGE_SNIFF_BYTES = 12;

/** The image format `head` (the first bytes of a file) starts with, or `undefined`. */
export function sniffImageType(head: Uint8Array): ImageType | undefined {
  const at = (o: number, ...bytes: number[]) => bytes.every((b, k) => head[o + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0x47, 0x49, 0x46, 0x38) && (head[4] === 0x37 || head[4] === 0x39) && head[5] === 0x61) return 'gif';
  if (at(0, 0x42, 0x4d) && head.length >= 6) return 'bmp';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  return undefined;
}
