import { sniffImageType } from './sniff-image-type';

describe('sniffImageType', () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe0], 'jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'png'],
    [[...'GIF89a'].map((c) => c.charCodeAt(0)), 'gif'],
    [[0x42, 0x4d, 0, 0, 0, 0], 'bmp'],
    [[...'RIFF\0\0\0\0WEBP'].map((c) => c.charCodeAt(0)), 'webp'],
    [[...'hello world'].map((c) => c.charCodeAt(0)), undefined],
    [[], undefined],
  ])('%j → %s', (bytes, type) => {
    expect(sniffImageType(Uint8Array.from(bytes))).toBe(type);
  });
});
