// A small, strict ZIP reader (what `np.savez` / `np.savez_compressed` write: stored or deflated
// entries, ZIP64 records when present). Sizes are checked against the archive before anything is
// inflated, inflated lengths and CRC-32s against the central directory.
import { inflateSync } from 'fflate';
import { crc32 } from '@nnlab/core';
import { DatasetFormatError } from './errors';

/** Largest entry {@link readZip} inflates unless told otherwise (1 GiB). */
export const DEFAULT_MAX_ZIP_ENTRY_BYTES = 2 ** 30;
/** Deflate cannot expand data more than ~1032:1; bigger claims are refused. */
const MAX_DEFLATE_RATIO = 1032;

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Options of {@link readZip}. */
export interface ReadZipOptions {
  /** Only extract entries for which this returns true (default: all). */
  filter?: (entry: ZipEntry) => boolean;
  /** Largest uncompressed entry accepted (default {@link DEFAULT_MAX_ZIP_ENTRY_BYTES}). */
  maxEntryBytes?: number;
}

/**
 * Lists and extracts the entries of a ZIP archive held in memory.
 * @throws DatasetFormatError naming `source` for anything malformed, truncated, encrypted,
 * compressed with another method than stored/deflate, or failing its CRC.
 */
export function readZip(bytes: Uint8Array, source: string, options: ReadZipOptions = {}): Map<string, Uint8Array> {
  const maxEntry = options.maxEntryBytes ?? DEFAULT_MAX_ZIP_ENTRY_BYTES;
  const fail = (problem: string, cause?: unknown): never => {
    throw new DatasetFormatError(source, problem, { cause });
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => {
    const v = u32(o) + u32(o + 4) * 2 ** 32;
    if (!Number.isSafeInteger(v)) fail('ZIP64 value too large');
    return v;
  };
  const inBounds = (o: number, n: number) => o >= 0 && n >= 0 && o + n <= bytes.length;

  // end of central directory: the last PK\5\6 within the final 64 KiB + 22 bytes
  let eocd = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (u32(o) === 0x06054b50) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) fail('not a ZIP archive, or truncated: no end-of-central-directory record');
  let entries = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) fail('multi-disk ZIP archives are not supported');
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (!inBounds(loc, 20) || u32(loc) !== 0x07064b50) fail('ZIP64 end-of-central-directory locator missing');
    const z = u64(loc + 8);
    if (!inBounds(z, 56) || u32(z) !== 0x06064b50) fail('ZIP64 end-of-central-directory record missing');
    entries = u64(z + 32);
    cdSize = u64(z + 40);
    cdOffset = u64(z + 48);
  }
  if (!inBounds(cdOffset, cdSize)) fail(`truncated ZIP archive: central directory at ${cdOffset} (+${cdSize}) is beyond the ${bytes.length} bytes`);

  const list: ZipEntry[] = [];
  let o = cdOffset;
  for (let k = 0; k < entries; k++) {
    if (!inBounds(o, 46) || u32(o) !== 0x02014b50) fail(`corrupt ZIP central directory at entry ${k}`);
    const flags = u16(o + 8);
    const nameLen = u16(o + 28);
    const extraLen = u16(o + 30);
    const commentLen = u16(o + 32);
    if (!inBounds(o + 46, nameLen + extraLen + commentLen)) fail(`corrupt ZIP central directory at entry ${k}`);
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(bytes.subarray(o + 46, o + 46 + nameLen));
    let size = u32(o + 24);
    let compressedSize = u32(o + 20);
    let localHeaderOffset = u32(o + 42);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // ZIP64 extra field (id 1): the 0xffffffff fields, in this order
      let e = o + 46 + nameLen;
      const end = e + extraLen;
      let found = false;
      while (e + 4 <= end) {
        const id = u16(e);
        const len = u16(e + 2);
        if (id === 1) {
          let p = e + 4;
          if (size === 0xffffffff) {
            size = u64(p);
            p += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(p);
            p += 8;
          }
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(p);
          found = true;
          break;
        }
        e += 4 + len;
      }
      if (!found) fail(`entry ${name}: ZIP64 sizes without a ZIP64 extra field`);
    }
    if (flags & 1) fail(`entry ${name} is encrypted`);
    list.push({ name, method: u16(o + 10), crc32: u32(o + 16), compressedSize, size, localHeaderOffset });
    o += 46 + nameLen + extraLen + commentLen;
  }

  const out = new Map<string, Uint8Array>();
  for (const entry of list) {
    if (options.filter && !options.filter(entry)) continue;
    const { name, method, size, compressedSize } = entry;
    if (out.has(name)) fail(`duplicate entry ${name}`);
    const lh = entry.localHeaderOffset;
    if (!inBounds(lh, 30) || u32(lh) !== 0x04034b50) fail(`entry ${name}: local header missing at offset ${lh}`);
    const start = lh + 30 + u16(lh + 26) + u16(lh + 28);
    if (!inBounds(start, compressedSize)) {
      fail(`truncated ZIP archive: entry ${name} needs ${compressedSize} bytes at ${start}, the file has ${bytes.length}`);
    }
    if (size > maxEntry) fail(`entry ${name} claims ${size} bytes, more than the limit of ${maxEntry}`);
    const raw = bytes.subarray(start, start + compressedSize);
    let data: Uint8Array;
    if (method === 0) {
      if (compressedSize !== size) fail(`entry ${name}: stored entry with different sizes (${compressedSize} vs ${size})`);
      data = raw;
    } else if (method === 8) {
      if (size > compressedSize * MAX_DEFLATE_RATIO + 1024)
        fail(`entry ${name} claims ${size} bytes from ${compressedSize} compressed bytes, impossible for deflate`);
      let inflated: Uint8Array;
      try {
        inflated = inflateSync(raw, { out: new Uint8Array(size + 1) });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        return fail(`entry ${name}: ${msg === 'unexpected EOF' ? 'truncated' : 'corrupt'} deflate data (${msg})`, e);
      }
      if (inflated.length !== size) {
        fail(`entry ${name}: inflates to ${inflated.length > size ? 'more than' : inflated.length} bytes, the directory says ${size}`);
      }
      data = inflated;
    } else {
      return fail(`entry ${name}: unsupported compression method ${method} (only stored and deflate)`);
    }
    const crc = crc32(data);
    if (crc !== entry.crc32) fail(`entry ${name}: CRC-32 mismatch (directory ${entry.crc32.toString(16)}, data ${crc.toString(16)})`);
    out.set(name, data);
  }
  return out;
}
