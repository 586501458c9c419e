/**
 * Which way round an image's ink is. MNIST digits are light strokes on a dark background; a digit
 * drawn or photographed on paper is dark on light. The background is what most of the border
 * shows, so the median of the border pixels tells them apart.
 */

/** `dark-on-light` (paper, a black-on-white drawing) or `light-on-dark` (MNIST style). */
export type Polarity = 'dark-on-light' | 'light-on-dark';

/** The polarity of a grayscale image (0–255, row-major), from the median of its border pixels. */
export function detectPolarity(gray: ArrayLike<number>, height: number, width: number): Polarity {
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(gray[x], gray[(height - 1) * width + x]);
  for (let y = 1; y < height - 1; y++) border.push(gray[y * width], gray[y * width + width - 1]);
  border.sort((a, b) => a - b);
  const median = border[Math.floor(border.length / 2)];
  return median > 127 ? 'dark-on-light' : 'light-on-dark';
}
