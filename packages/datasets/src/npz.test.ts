import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import expected from './__fixtures__/npz/expected.json';
import { parseNpz } from './npz';

const fx = (name: string) => new Uint8Array(readFileSync(join(__dirname, '__fixtures__/npz', name)));

describe('parseNpz (archives written by numpy)', () => {
  it.each(['stored.npz', 'compressed.npz'])('reads %s', (name) => {
    const npz = parseNpz(fx(name), name);
    expect(Object.keys(npz).sort()).toEqual(['a', 'b', 'scalar']);
    for (const [key, want] of Object.entries(expected.arrays)) {
      expect(npz[key].shape).toEqual(want.shape);
      expect(Array.from(npz[key].data)).toEqual(want.data);
    }
  });

  it('extracts only the requested keys and lists what exists when one is missing', () => {
    expect(Object.keys(parseNpz(fx('compressed.npz'), 'c.npz', { keys: ['b'] }))).toEqual(['b']);
    expect(() => parseNpz(fx('compressed.npz'), 'c.npz', { keys: ['b', 'train_images'] })).toThrow(
      'c.npz: missing array(s) train_images; the archive has a, b, scalar',
    );
  });

  it('reports truncated and corrupt archives naming the file', () => {
    const z = fx('compressed.npz');
    expect(() => parseNpz(z.subarray(0, z.length - 30), 'c.npz')).toThrow(/^c.npz: not a ZIP archive, or truncated/);
    expect(() => parseNpz(z.subarray(200), 'c.npz')).toThrow(/^c.npz: (truncated ZIP archive|corrupt ZIP)/);
    const bad = Uint8Array.from(fx('stored.npz'));
    bad[150] ^= 0xff; // inside the first stored .npy
    expect(() => parseNpz(bad, 's.npz')).toThrow(/^s.npz: entry a.npy: CRC-32 mismatch|^s.npz:a.npy: /);
  });

  it('refuses a deflate entry claiming an impossible size', () => {
    const zip = zipSync({ 'a.npy': [new Uint8Array(1000), { level: 6 }] });
    // patch the central directory's uncompressed size to 2^29 (within the size limit)
    const view = new DataView(zip.buffer);
    for (let o = zip.length - 22; o > 0; o--) {
      if (view.getUint32(o, true) === 0x02014b50) {
        view.setUint32(o + 24, 2 ** 29, true);
        break;
      }
    }
    expect(() => parseNpz(zip, 'z.npz')).toThrow(/entry a.npy claims 536870912 bytes from \d+ compressed bytes, impossible for deflate/);
    expect(() => parseNpz(zip, 'z.npz', { maxBytes: 1000 })).toThrow(/more than the limit/);
  });
});
