import fixture from './__fixtures__/resize-bilinear.json';
import { DatasetArgumentError } from './errors';
import { resizeBilinear } from './resize-bilinear';

const options = {
  'half-pixel': {},
  'align-corners': { alignCorners: true },
  asymmetric: { halfPixelCenters: false },
} as const;

describe('resizeBilinear', () => {
  const src = Uint8Array.from(fixture.src);

  it.each(fixture.cases.map((c) => [c.mode, c.outH, c.outW, c] as const))('%s %d×%d matches the skimage/scipy reference', (mode, outH, outW, c) => {
    const out = resizeBilinear(src, fixture.h, fixture.w, outH, outW, options[mode as keyof typeof options]);
    expect(out.length).toBe(c.out.length);
    let maxErr = 0;
    for (let i = 0; i < out.length; i++) maxErr = Math.max(maxErr, Math.abs(out[i] - c.out[i]));
    expect(maxErr).toBeLessThan(1e-3);
  });

  it('is the identity at the same size and works on floats and channels', () => {
    expect(Array.from(resizeBilinear(src, 13, 17, 13, 17))).toEqual(fixture.src);
    const rgb = Float32Array.from([0, 10, 100, 255, 20, 200]); // 1×2 pixels, 3 channels
    expect(Array.from(resizeBilinear(rgb, 1, 2, 1, 4, { channels: 3 }))).toEqual([0, 10, 100, 63.75, 12.5, 125, 191.25, 17.5, 175, 255, 20, 200]);
  });

  it('writes into a given buffer at an offset', () => {
    const out = new Float32Array(10).fill(-1);
    resizeBilinear([0, 100], 1, 2, 2, 2, { out, offset: 3 });
    expect(Array.from(out)).toEqual([-1, -1, -1, 0, 100, 0, 100, -1, -1, -1]);
  });

  it('refuses bad arguments', () => {
    expect(() => resizeBilinear([1, 2, 3], 2, 2, 1, 1)).toThrow('resizeBilinear: src has 3 values, expected 2×2×1 = 4');
    expect(() => resizeBilinear([1], 1, 1, 0, 1)).toThrow(DatasetArgumentError);
    expect(() => resizeBilinear([1], 1, 1, 1, 1, { alignCorners: true, halfPixelCenters: true })).toThrow(/both/);
    expect(() => resizeBilinear([1], 1, 1, 2, 2, { out: new Float32Array(3) })).toThrow(/too short/);
  });
});
