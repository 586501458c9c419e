// Bounded gzip decompression over fflate's streaming inflater: the caller sees the output chunk by
// chunk and may stop at any point, so a decompression bomb or a lying header costs no more than
// the caller is willing to keep. Truncation and CRC errors become one-line DatasetFormatErrors.
import { Gunzip } from 'fflate';
import { crc32 } from '@nnlab/core';
import { DatasetFormatError } from './errors';

/** Input is fed to the inflater in slices of this many bytes. */
const GZIP_INPUT_CHUNK_BYTES = 1 << 18;

/** True when `bytes` starts with the gzip magic `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** CRC-32 and ISIZE (decompressed length mod 2^32) from the last 8 bytes of a gzip file. */
export interface GzipTrailer {
  crc32: number;
  isize: number;
}

/** Reads the trailer of a single-member gzip file; `undefined` when the file is too short. */
export function readGzipTrailer(bytes: Uint8Array): GzipTrailer | undefined {
  if (bytes.length < 18) return undefined;
  const n = bytes.length;
  const u32 = (o: number) => (bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24)) >>> 0;
  return { crc32: u32(n - 8), isize: u32(n - 4) };
}

/** What {@link streamGunzip} saw. */
export interface GunzipStreamResult {
  /** True when the whole stream was decompressed (the sink never asked to stop). */
  complete: boolean;
  /** Decompressed bytes delivered to the sink. */
  total: number;
}

/**
 * Decompresses gzip `bytes`, handing each output chunk to `sink`. The sink returns `false` to
 * stop (nothing more is decompressed). When the stream completes, the CRC-32 and ISIZE of the
 * trailer are checked for single-member files.
 * @throws DatasetFormatError naming `source` for a bad header, truncated or corrupt stream.
 */
export function streamGunzip(bytes: Uint8Array, source: string, sink: (chunk: Uint8Array) => boolean): GunzipStreamResult {
  if (!isGzip(bytes)) throw new DatasetFormatError(source, 'not a gzip file (magic is not 1f 8b)');
  if (bytes.length < 18) throw new DatasetFormatError(source, `truncated gzip file: only ${bytes.length} bytes`);
  if (bytes[2] !== 8) throw new DatasetFormatError(source, `unsupported gzip compression method ${bytes[2]} (expected 8, deflate)`);
  const stop = Symbol('stop');
  let total = 0;
  let crc = 0;
  let members = 1;
  const inflater = new Gunzip((chunk) => {
    total += chunk.length;
    crc = crc32(chunk, crc);
    if (!sink(chunk)) throw stop;
  });
  inflater.onmember = () => {
    members++;
  };
  try {
    for (let i = 0; i < bytes.length; i += GZIP_INPUT_CHUNK_BYTES) {
      const end = Math.min(bytes.length, i + GZIP_INPUT_CHUNK_BYTES);
      inflater.push(bytes.subarray(i, end), end === bytes.length);
    }
  } catch (e) {
    if (e === stop) return { complete: false, total };
    if (e instanceof DatasetFormatError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const what = msg === 'unexpected EOF' ? 'truncated gzip stream (unexpected end of data)' : `corrupt gzip stream (${msg})`;
    throw new DatasetFormatError(source, `${what} after ${total} decompressed bytes`, { cause: e });
  }
  if (members === 1) {
    const trailer = readGzipTrailer(bytes);
    if (trailer && trailer.isize !== total % 2 ** 32) {
      throw new DatasetFormatError(source, `corrupt or truncated gzip file: trailer records ${trailer.isize} decompressed bytes, got ${total}`);
    }
    if (trailer && trailer.crc32 !== crc) {
      throw new DatasetFormatError(source, `corrupt gzip file: CRC-32 mismatch (trailer ${hex8(trailer.crc32)}, data ${hex8(crc)})`);
    }
  }
  return { complete: true, total };
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
