// IDX files (the MNIST format, http://yann.lecun.com/exdb/mnist/): magic 0x0000 + type byte + number
// of dimensions, then each dimension as a big-endian uint32, then the payload. Only unsigned bytes
// (type 0x08) are supported — MNIST, Fashion-MNIST, EMNIST, KMNIST all use it.
import { concatBytes } from '@nnlab/core';
import { DatasetArgumentError, DatasetFormatError } from './errors';
import { isGzip, readGzipTrailer, streamGunzip } from './gzip';

/** Largest payload {@link parseIdx} accepts unless told otherwise (1 GiB). */
export const DEFAULT_MAX_IDX_BYTES = 2 ** 30;

/** IDX type byte for unsigned 8-bit data. */
export const IDX_TYPE_UINT8 = 0x08;
/** Magic number of an IDX file of uint8 images (3 dims: count, rows, cols). */
export const IDX_MAGIC_IMAGES = 0x00000803;
/** Magic number of an IDX file of uint8 labels (1 dim: count). */
export const IDX_MAGIC_LABELS = 0x00000801;

const IDX_TYPE_NAMES: Record<number, string> = {
  0x08: 'uint8',
  0x09: 'int8',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

/** Options of {@link parseIdx}. */
export interface ParseIdxOptions {
  /** Name used in error messages (a path, URL or data name). Required: errors must name the file. */
  source: string;
  /**
   * Read only the first `limit` items along the first dimension (default: all). For gzip input the
   * rest is not decompressed when the gzip trailer agrees with the header, so quick runs are quick;
   * the tail of the file is then not validated.
   */
  limit?: number;
  /** Refuse headers whose payload would exceed this many bytes (default {@link DEFAULT_MAX_IDX_BYTES}). */
  maxBytes?: number;
}

/** A parsed IDX array: dimensions (first = item count, after `limit`) and row-major uint8 data. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
  /** Items the header declares (`dims[0]` before `limit`); set by {@link parseIdx}. */
  totalCount?: number;
}

interface IdxHeader {
  dims: number[];
  headerBytes: number;
  payloadBytes: number;
  itemBytes: number;
}

/** Parses the header from `head` once enough bytes are there; `undefined` while more are needed. */
function parseHeader(head: Uint8Array, source: string, maxBytes: number): IdxHeader | undefined {
  if (head.length < 4) return undefined;
  if (head[0] !== 0 || head[1] !== 0) {
    const magic = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
    throw new DatasetFormatError(
      source,
      `not an IDX file: magic 0x${magic.toString(16).padStart(8, '0')} (expected 0x00000803 for images or 0x00000801 for labels)`,
    );
  }
  const type = head[2];
  if (type !== IDX_TYPE_UINT8) {
    const name = IDX_TYPE_NAMES[type] ?? 'unknown';
    throw new DatasetFormatError(source, `unsupported IDX data type 0x${type.toString(16).padStart(2, '0')} (${name}); only 0x08 (uint8) is supported`);
  }
  const ndims = head[3];
  if (ndims === 0) throw new DatasetFormatError(source, 'IDX header declares 0 dimensions');
  const headerBytes = 4 + 4 * ndims;
  if (head.length < headerBytes) return undefined;
  const dims: number[] = [];
  for (let d = 0; d < ndims; d++) {
    const o = 4 + 4 * d;
    const v = ((head[o] << 24) | (head[o + 1] << 16) | (head[o + 2] << 8) | head[o + 3]) >>> 0;
    if (v === 0) throw new DatasetFormatError(source, `IDX dimension ${d} is 0`);
    dims.push(v);
  }
  let payloadBytes = 1;
  for (const v of dims) payloadBytes *= v;
  const shape = dims.join('×');
  if (payloadBytes > maxBytes) {
    throw new DatasetFormatError(source, `IDX header claims ${shape} = ${payloadBytes} bytes, more than the limit of ${maxBytes} bytes`);
  }
  return { dims, headerBytes, payloadBytes, itemBytes: payloadBytes / dims[0] };
}

function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new DatasetArgumentError('parseIdx', 'limit', `must be a positive integer, got ${limit}`);
  }
}

/**
 * Parses an IDX file, raw or gzip-compressed (detected by the magic `1f 8b`). The header is
 * validated before anything is allocated: magic, type, non-zero dimensions, a payload within
 * `maxBytes`, and — for gzip — agreement with the decompressed length recorded in the trailer.
 * The payload must have exactly the length the header claims (checked on the whole file unless
 * `limit` allowed skipping the tail).
 * For raw input the returned data is a view into `bytes`.
 * @throws DatasetFormatError naming `options.source` on any problem.
 */
export function parseIdx(bytes: Uint8Array, options: ParseIdxOptions): IdxArray {
  const { source, limit } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IDX_BYTES;
  checkLimit(limit);
  return isGzip(bytes) ? parseGzipIdx(bytes, source, maxBytes, limit) : parseRawIdx(bytes, source, maxBytes, limit);
}

function describe(h: IdxHeader): string {
  return `${h.dims.join('×')} = ${h.payloadBytes} bytes`;
}

function keptDims(h: IdxHeader, limit: number | undefined): { dims: number[]; keepBytes: number } {
  const count = limit === undefined ? h.dims[0] : Math.min(limit, h.dims[0]);
  return { dims: [count, ...h.dims.slice(1)], keepBytes: count * h.itemBytes };
}

function parseRawIdx(bytes: Uint8Array, source: string, maxBytes: number, limit: number | undefined): IdxArray {
  const h = parseHeader(bytes, source, maxBytes);
  if (!h) throw new DatasetFormatError(source, `truncated IDX header: file has only ${bytes.length} bytes`);
  const got = bytes.length - h.headerBytes;
  if (got < h.payloadBytes) {
    throw new DatasetFormatError(source, `truncated IDX payload: header claims ${describe(h)}, expected ${h.payloadBytes} bytes, got ${got}`);
  }
  if (got > h.payloadBytes) {
    throw new DatasetFormatError(source, `${got - h.payloadBytes} unexpected trailing bytes after the IDX payload (header claims ${describe(h)})`);
  }
  const { dims, keepBytes } = keptDims(h, limit);
  return { dims, data: bytes.subarray(h.headerBytes, h.headerBytes + keepBytes), totalCount: h.dims[0] };
}

function parseGzipIdx(bytes: Uint8Array, source: string, maxBytes: number, limit: number | undefined): IdxArray {
  const head = new Uint8Array(4 + 4 * 255);
  let headLen = 0;
  let header: IdxHeader | undefined;
  let expectedTotal = 0;
  let keepBytes = 0;
  let dims: number[] = [];
  let trusted = false; // trailer agrees with the header: preallocate, and stop early when limited
  let out: Uint8Array | undefined; // preallocated payload (trusted)
  const parts: Uint8Array[] = []; // growing payload (untrusted)
  let kept = 0;
  let received = 0;

  const keep = (chunk: Uint8Array) => {
    const take = Math.min(chunk.length, keepBytes - kept);
    if (take <= 0) return;
    if (out) out.set(chunk.subarray(0, take), kept);
    else parts.push(chunk.slice(0, take));
    kept += take;
  };

  const result = streamGunzip(bytes, source, (chunk) => {
    let payloadChunk = chunk;
    if (!header) {
      const take = Math.min(chunk.length, head.length - headLen);
      head.set(chunk.subarray(0, take), headLen);
      headLen += take;
      header = parseHeader(head.subarray(0, headLen), source, maxBytes);
      if (!header) {
        received += chunk.length;
        return true;
      }
      expectedTotal = header.headerBytes + header.payloadBytes;
      ({ dims, keepBytes } = keptDims(header, limit));
      const trailer = readGzipTrailer(bytes);
      trusted = trailer !== undefined && trailer.isize === expectedTotal % 2 ** 32;
      if (trusted) out = new Uint8Array(keepBytes);
      payloadChunk = chunk.subarray(Math.max(0, header.headerBytes - received));
    }
    received += chunk.length;
    keep(payloadChunk);
    if (received > expectedTotal) return false; // more data than claimed: stop, report below
    if (trusted && limit !== undefined && kept >= keepBytes) return false;
    return true;
  });

  if (!header) {
    throw new DatasetFormatError(source, `truncated IDX header: decompressed data has only ${received} bytes`);
  }
  if (received > expectedTotal) {
    throw new DatasetFormatError(source, `unexpected trailing bytes after the IDX payload: header claims ${describe(header)}, the decompressed data is longer`);
  }
  if (result.complete && received < expectedTotal) {
    const got = received - header.headerBytes;
    throw new DatasetFormatError(source, `truncated IDX payload: header claims ${describe(header)}, expected ${header.payloadBytes} bytes, got ${got}`);
  }
  const data: Uint8Array = out ?? concatBytes(parts);
  return { dims, data, totalCount: header.dims[0] };
}
