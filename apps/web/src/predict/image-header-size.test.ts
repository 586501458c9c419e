import { imageHeaderSize } from './image-header-size';

test('reads PNG, GIF and JPEG sizes from their headers; undefined for anything else', () => {
  const png = new Uint8Array(24);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  png.set([0, 0, 0x4e, 0x20, 0, 0x01, 0x86, 0xa0], 16); // 20000 × 100000
  expect(imageHeaderSize(png)).toEqual({ width: 20000, height: 100000 });
  const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x2c, 0x01, 0xc8, 0x00]);
  expect(imageHeaderSize(gif)).toEqual({ width: 300, height: 200 });
  // SOI, an APP0 segment of 16 bytes, then SOF0 with height 480 and width 640.
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array(14).fill(0), 0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80, 3, 0, 0]);
  expect(imageHeaderSize(jpeg)).toEqual({ width: 640, height: 480 });
  expect(imageHeaderSize(new Uint8Array([1, 2, 3, 4]))).toBeUndefined();
});
