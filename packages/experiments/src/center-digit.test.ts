import { centerDigit, resizeArea } from './center-digit';

describe('resizeArea', () => {
  it('averages the covered area', () => {
    expect(Array.from(resizeArea([0, 255, 255, 0], 2, 2, 1, 1))).toEqual([127.5]);
    expect(Array.from(resizeArea([10, 20, 30, 40, 50, 60], 1, 6, 1, 3))).toEqual([15, 35, 55]);
  });
});

describe('centerDigit', () => {
  it('scales a stroke into the 20×20 box and centres its mass in 28×28', () => {
    // A vertical bar 200 px tall and 20 px wide in the top-left corner of a 280×280 canvas.
    const w = 280;
    const img = new Float32Array(w * w);
    for (let y = 10; y < 210; y++) for (let x = 5; x < 25; x++) img[y * w + x] = 255;
    const out = centerDigit(img, w, w);
    let rows = 0;
    let mass = 0;
    let mx = 0;
    let my = 0;
    for (let y = 0; y < 28; y++) {
      let any = false;
      for (let x = 0; x < 28; x++) {
        const v = out[y * 28 + x];
        if (v > 0) any = true;
        mass += v;
        mx += v * x;
        my += v * y;
      }
      if (any) rows++;
    }
    expect(rows).toBe(20);
    expect(Math.abs(mx / mass - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(my / mass - 13.5)).toBeLessThanOrEqual(0.5);
  });

  it('returns an empty image for a blank input', () => {
    expect(centerDigit(new Float32Array(100), 10, 10).every((v) => v === 0)).toBe(true);
  });
});
