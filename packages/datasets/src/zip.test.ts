import { crc32 } from '@nnlab/core';
import { readZip } from './zip';

/** A stored single-entry ZIP; `zip64` moves sizes/offset into ZIP64 records as large archives do. */
function storedZip(name: string, data: Uint8Array, opts: { zip64?: boolean; flags?: number; method?: number } = {}): Uint8Array {
  const enc = new TextEncoder().encode(name);
  const parts: Uint8Array[] = [];
  const le = (n: number, bytes: number) => {
    const b = new Uint8Array(bytes);
    for (let k = 0; k < bytes; k++) b[k] = Math.floor(n / 2 ** (8 * k)) & 0xff;
    return b;
  };
  const crc = crc32(data);
  const method = opts.method ?? 0;
  const local = [
    le(0x04034b50, 4),
    le(20, 2),
    le(opts.flags ?? 0, 2),
    le(method, 2),
    le(0, 4),
    le(crc, 4),
    le(data.length, 4),
    le(data.length, 4),
    le(enc.length, 2),
    le(0, 2),
    enc,
    data,
  ];
  parts.push(...local);
  const cdOffset = local.reduce((a, p) => a + p.length, 0);
  const extra = opts.zip64 ? [le(1, 2), le(24, 2), le(data.length, 8), le(data.length, 8), le(0, 8)] : [];
  const extraLen = extra.reduce((a, p) => a + p.length, 0);
  const big = (v: number) => (opts.zip64 ? 0xffffffff : v);
  const central = [
    le(0x02014b50, 4),
    le(45, 2),
    le(45, 2),
    le(opts.flags ?? 0, 2),
    le(method, 2),
    le(0, 4),
    le(crc, 4),
    le(big(data.length), 4),
    le(big(data.length), 4),
    le(enc.length, 2),
    le(extraLen, 2),
    le(0, 2),
    le(0, 2),
    le(0, 2),
    le(0, 4),
    le(big(0), 4),
    enc,
    ...extra,
  ];
  parts.push(...central);
  const cdSize = central.reduce((a, p) => a + p.length, 0);
  if (opts.zip64) {
    const z64 = cdOffset + cdSize;
    parts.push(le(0x06064b50, 4), le(44, 8), le(45, 2), le(45, 2), le(0, 4), le(0, 4), le(1, 8), le(1, 8), le(cdSize, 8), le(cdOffset, 8));
    parts.push(le(0x07064b50, 4), le(0, 4), le(z64, 8), le(1, 4));
    parts.push(le(0x06054b50, 4), le(0, 2), le(0, 2), le(0xffff, 2), le(0xffff, 2), le(0xffffffff, 4), le(0xffffffff, 4), le(0, 2));
  } else {
    parts.push(le(0x06054b50, 4), le(0, 2), le(0, 2), le(1, 2), le(1, 2), le(cdSize, 4), le(cdOffset, 4), le(0, 2));
  }
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('readZip', () => {
  const data = Uint8Array.from({ length: 50 }, (_, i) => i * 3);

  it('reads plain and ZIP64 directories', () => {
    for (const zip64 of [false, true]) {
      const files = readZip(storedZip('a.npy', data, { zip64 }), 'z.zip');
      expect(Array.from(files.get('a.npy')!)).toEqual(Array.from(data));
    }
  });

  it('refuses encrypted entries, unknown methods, and bad CRCs', () => {
    expect(() => readZip(storedZip('a', data, { flags: 1 }), 'z.zip')).toThrow('z.zip: entry a is encrypted');
    expect(() => readZip(storedZip('a', data, { method: 14 }), 'z.zip')).toThrow('z.zip: entry a: unsupported compression method 14 (only stored and deflate)');
    const bad = storedZip('a', data);
    bad[40] ^= 1;
    expect(() => readZip(bad, 'z.zip')).toThrow(/^z.zip: entry a: CRC-32 mismatch/);
  });

  it('applies the filter before extracting', () => {
    expect(readZip(storedZip('a', data), 'z.zip', { filter: (e) => e.name !== 'a' }).size).toBe(0);
  });
});
