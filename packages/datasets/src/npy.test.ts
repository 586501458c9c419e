import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import expected from './__fixtures__/npz/expected.json';
import { DatasetFormatError } from './errors';
import { parseNpy } from './npy';

const fx = (name: string) => new Uint8Array(readFileSync(join(__dirname, '__fixtures__/npz', name)));

describe('parseNpy (files written by numpy)', () => {
  it.each(['v1.npy', 'v2.npy', 'v3.npy'])('reads format %s', (name) => {
    const a = parseNpy(fx(name), name);
    expect(a.descr).toBe('|u1');
    expect(a.shape).toEqual(expected.arrays.a.shape);
    expect(Array.from(a.data)).toEqual(expected.arrays.a.data);
  });

  it('refuses Fortran order for a real 3-D array, and other dtypes', () => {
    expect(() => parseNpy(fx('fortran.npy'), 'f.npy')).toThrow('f.npy: fortran_order True is not supported for shape (2, 3, 4)');
    expect(() => parseNpy(fx('float32.npy'), 'x.npy')).toThrow("x.npy: unsupported dtype '<f4'; only uint8 ('|u1') is supported");
    expect(() => parseNpy(fx('big-endian-u2.npy'), 'x.npy')).toThrow(/unsupported dtype '>u2'/);
  });

  it('reports truncated and over-long data with byte counts', () => {
    const v1 = fx('v1.npy');
    expect(() => parseNpy(v1.subarray(0, v1.length - 4), 'a.npy')).toThrow('a.npy: truncated .npy data: shape (2, 3, 4) needs 24 bytes, got 20');
    const long = new Uint8Array(v1.length + 2);
    long.set(v1);
    expect(() => parseNpy(long, 'a.npy')).toThrow(/2 unexpected trailing bytes/);
    expect(() => parseNpy(v1.subarray(0, 40), 'a.npy')).toThrow(/truncated .npy header: it claims 118 bytes/);
  });

  it('refuses a bad magic, version or header, and huge shapes', () => {
    expect(() => parseNpy(new TextEncoder().encode('PK\x03\x04 not numpy'), 'z')).toThrow(DatasetFormatError);
    const v = fx('v1.npy');
    v[6] = 4;
    expect(() => parseNpy(v, 'a.npy')).toThrow('a.npy: unsupported .npy format version 4.0 (1.0, 2.0, 3.0 are supported)');
    const hdr = (dict: string) => {
      const text = new TextEncoder().encode(`${dict}\n`);
      const out = new Uint8Array(10 + text.length);
      out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 255, text.length >> 8]);
      out.set(text, 10);
      return out;
    };
    expect(() => parseNpy(hdr("{'descr': '|u1', 'fortran_order': False, 'shape': (100000, 100000, 100), }"), 'h.npy')).toThrow(
      /shape \(100000, 100000, 100\) claims 1000000000000 bytes, more than the limit/,
    );
    expect(() => parseNpy(hdr("{'descr': '|u1', 'fortran_order': False, 'shape': (3,) "), 'h.npy')).toThrow(/malformed header/);
    expect(() => parseNpy(hdr("{'descr': [('a', '|u1')], 'fortran_order': False, 'shape': (1,), }"), 'h.npy')).toThrow(/structured arrays/);
    expect(parseNpy(hdr("{'descr': '<u1', 'fortran_order': True, 'shape': (0,), }"), 'h.npy').shape).toEqual([0]);
  });
});
