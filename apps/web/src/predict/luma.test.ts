import { rgbaToGray } from './luma';

test('BT.601 luma, rounded, alpha ignored (as the CLI decoder)', () => {
  const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 128, 10, 20, 30, 255]);
  expect(Array.from(rgbaToGray(rgba, 2, 2))).toEqual([76, 150, 29, Math.round(0.299 * 10 + 0.587 * 20 + 0.114 * 30)]);
  expect(() => rgbaToGray(rgba, 3, 2)).toThrow(/16 bytes for 3×2 RGBA/);
});
