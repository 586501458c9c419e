import { detectPolarity } from './polarity';

function digit(background: number, ink: number): Uint8Array {
  const img = new Uint8Array(28 * 28).fill(background);
  for (let y = 6; y < 22; y++) for (let x = 12; x < 16; x++) img[y * 28 + x] = ink;
  return img;
}

describe('detectPolarity', () => {
  it('tells a black-on-white drawing from an MNIST-style image', () => {
    expect(detectPolarity(digit(255, 0), 28, 28)).toBe('dark-on-light');
    expect(detectPolarity(digit(0, 255), 28, 28)).toBe('light-on-dark');
  });

  it('goes by the background, even when the ink touches an edge or the paper is grey', () => {
    const img = digit(200, 20);
    for (let x = 0; x < 28; x++) img[x] = 20; // a stroke along the top edge
    expect(detectPolarity(img, 28, 28)).toBe('dark-on-light');
    expect(detectPolarity(digit(30, 230), 28, 28)).toBe('light-on-dark');
  });
});
