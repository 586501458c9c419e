import * as zlib from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from '@nnlab/core';
import { encodePng, writePng } from './png';
import { HogInputError } from '../errors';

function chunks(png: Uint8Array): { type: string; data: Uint8Array; crc: number }[] {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out = [];
  for (let o = 8; o < png.length;) {
    const len = v.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    out.push({ type, data: png.subarray(o + 8, o + 8 + len), crc: v.getUint32(o + 8 + len) });
    o += 12 + len;
  }
  return out;
}

describe('encodePng', () => {
  const w = 3;
  const h = 2;
  const rgba = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37) % 256);

  it('crc32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes signature, IHDR, IDAT, IEND with correct CRCs and the pixels', () => {
    const png = encodePng(rgba, w, h);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const c of cs) {
      const typed = new Uint8Array(4 + c.data.length);
      typed.set(new TextEncoder().encode(c.type));
      typed.set(c.data, 4);
      expect(c.crc).toBe(crc32(typed));
    }
    expect(Array.from(cs[0].data)).toEqual([0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
    const raw = zlib.inflateSync(cs[1].data);
    expect(raw.length).toBe(h * (w * 4 + 1));
    for (let y = 0; y < h; y++) {
      expect(raw[y * (w * 4 + 1)]).toBe(0);
      expect(Array.from(raw.subarray(y * (w * 4 + 1) + 1, (y + 1) * (w * 4 + 1)))).toEqual(Array.from(rgba.subarray(y * w * 4, (y + 1) * w * 4)));
    }
  });

  it('rejects a raster of the wrong size', () => {
    expect(() => encodePng(rgba, 4, 2)).toThrow(HogInputError);
    expect(() => encodePng(rgba, 4, 2)).toThrow(/rgba has 24 bytes but width × height × 4 = 4 × 2 × 4 = 32/);
    expect(() => encodePng(rgba, 0, 2)).toThrow(/width must be a positive integer/);
  });

  it('writePng writes the same bytes to disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hog-png-'));
    try {
      const file = join(dir, 'x.png');
      await writePng(file, rgba, w, h);
      expect(new Uint8Array(readFileSync(file))).toEqual(encodePng(rgba, w, h));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
