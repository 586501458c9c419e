import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { DatasetArgumentError, DatasetFormatError } from './errors';
import { DEFAULT_MAX_IDX_BYTES, parseIdx } from './idx';
import { idxHeader, makeIdx } from './testing/make-idx';

const DATA = join(__dirname, '../../../data/mnist');
const src = { source: 'test.idx' };

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function expectFormatError(fn: () => unknown, re: RegExp, file = 'test.idx'): DatasetFormatError {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DatasetFormatError);
  const e = err as DatasetFormatError;
  expect(e.file).toBe(file);
  expect(e.message.startsWith(`${file}: `)).toBe(true);
  expect(e.message).not.toMatch(/\n/);
  expect(e.message).toMatch(re);
  return e;
}

describe('parseIdx', () => {
  const images = makeIdx([3, 2, 4]);
  const labels = makeIdx([3], Uint8Array.from([7, 0, 9]));

  it('parses raw uint8 IDX images and labels', () => {
    const a = parseIdx(images, src);
    expect(a.dims).toEqual([3, 2, 4]);
    expect(Array.from(a.data)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(a.totalCount).toBe(3);
    expect(parseIdx(labels, src)).toEqual({ dims: [3], data: Uint8Array.from([7, 0, 9]), totalCount: 3 });
  });

  it('parses gzip IDX the same way', () => {
    expect(parseIdx(gzipSync(images), src)).toEqual(parseIdx(images, src));
  });

  it('reads only the first items with limit, raw and gzip', () => {
    for (const bytes of [images, gzipSync(images)]) {
      const a = parseIdx(bytes, { source: 'x', limit: 2 });
      expect(a.dims).toEqual([2, 2, 4]);
      expect(a.totalCount).toBe(3);
      expect(Array.from(a.data)).toEqual(Array.from({ length: 16 }, (_, i) => i));
      expect(parseIdx(bytes, { source: 'x', limit: 99 }).dims).toEqual([3, 2, 4]);
    }
    expect(() => parseIdx(images, { source: 'x', limit: 0 })).toThrow(DatasetArgumentError);
  });

  it('rejects a wrong magic, type or dimension count', () => {
    expectFormatError(() => parseIdx(Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 5]), src), /not an IDX file: magic 0x12345678/);
    expectFormatError(() => parseIdx(makeIdx([2], new Uint8Array(8), 0x0d), src), /unsupported IDX data type 0x0d \(float32\)/);
    expectFormatError(() => parseIdx(Uint8Array.from([0, 0, 8, 0]), src), /0 dimensions/);
    expectFormatError(() => parseIdx(makeIdx([3, 0, 4], new Uint8Array(0)), src), /dimension 1 is 0/);
    expectFormatError(() => parseIdx(Uint8Array.from([0, 0, 8, 3, 0, 0]), src), /truncated IDX header: file has only 6 bytes/);
    expectFormatError(() => parseIdx(gzipSync(Uint8Array.from([0, 0, 8, 3, 0, 0])), src), /truncated IDX header/);
  });

  it('refuses a header claiming 10^9 images before allocating anything', () => {
    const claim = idxHeader([1_000_000_000, 28, 28]);
    expectFormatError(() => parseIdx(claim, src), /claims 1000000000×28×28 = 784000000000 bytes, more than the limit of 1073741824/);
    expectFormatError(() => parseIdx(gzipSync(claim), src), /more than the limit/);
    expect(DEFAULT_MAX_IDX_BYTES).toBe(2 ** 30);
    expectFormatError(() => parseIdx(makeIdx([4, 4]), { source: 'test.idx', maxBytes: 15 }), /more than the limit of 15/);
  });

  it('reports truncated payloads with expected and actual byte counts', () => {
    const short = images.subarray(0, images.length - 5);
    expectFormatError(() => parseIdx(short, src), /truncated IDX payload: header claims 3×2×4 = 24 bytes, expected 24 bytes, got 19/);
    // a gzip stream that is complete but holds less than the header claims
    expectFormatError(() => parseIdx(gzipSync(short), src), /truncated IDX payload: .*expected 24 bytes, got 19/);
    // a lying header: 100000 images claimed, 3 present; the stream is short, nothing big is allocated
    const lie = concat(idxHeader([100_000, 28, 28]), new Uint8Array(3 * 784));
    const t0 = Date.now();
    expectFormatError(() => parseIdx(gzipSync(lie), src), /expected 78400000 bytes, got 2352/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('rejects trailing bytes after the payload', () => {
    const long = concat(images, Uint8Array.from([1, 2, 3]));
    expectFormatError(() => parseIdx(long, src), /3 unexpected trailing bytes after the IDX payload/);
    expectFormatError(() => parseIdx(gzipSync(long), src), /unexpected trailing bytes .*decompressed data is longer/);
  });

  it('stops a gzip bomb as soon as it passes the claimed size', () => {
    // 10 images claimed, 8 MB of zeros in the stream
    const bomb = gzipSync(concat(idxHeader([10, 28, 28]), new Uint8Array(8 * 2 ** 20)), { level: 1 });
    const t0 = Date.now();
    expectFormatError(() => parseIdx(bomb, src), /decompressed data is longer/);
    expect(Date.now() - t0).toBeLessThan(500);
  });

  it('turns a truncated or corrupt .gz into one clear line naming the file', () => {
    const gz = readFileSync(join(DATA, 't10k-labels-idx1-ubyte.gz'));
    const file = 'mnist/t10k-labels-idx1-ubyte.gz';
    expectFormatError(() => parseIdx(gz.subarray(0, 3000), { source: file }), /truncated gzip stream \(unexpected end of data\)/, file);
    expectFormatError(() => parseIdx(gz.subarray(0, 10), { source: file }), /truncated gzip file: only 10 bytes/, file);
    const badCrc = Uint8Array.from(gz);
    badCrc[badCrc.length - 6] ^= 0xff;
    expectFormatError(() => parseIdx(badCrc, { source: file }), /CRC-32 mismatch/, file);
    const badSize = Uint8Array.from(gz);
    badSize[badSize.length - 1] ^= 0x01;
    expectFormatError(() => parseIdx(badSize, { source: file }), /trailer records/, file);
  });

  it('reads the vendored MNIST test files', () => {
    const labels = parseIdx(readFileSync(join(DATA, 't10k-labels-idx1-ubyte.gz')), { source: 't10k-labels' });
    expect(labels.dims).toEqual([10000]);
    const counts = new Array(10).fill(0);
    for (const y of labels.data) counts[y]++;
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    const images = parseIdx(readFileSync(join(DATA, 't10k-images-idx3-ubyte.gz')), { source: 't10k-images' });
    expect(images.dims).toEqual([10000, 28, 28]);
    expect(images.data.length).toBe(7_840_000);
    // a limited read of the big file only decompresses the start
    const first = parseIdx(readFileSync(join(DATA, 'train-images-idx3-ubyte.gz')), { source: 'train-images', limit: 10 });
    expect(first.dims).toEqual([10, 28, 28]);
    expect(first.totalCount).toBe(60000);
  });
});
