/**
 * Colour maps for heat maps: `inferno` (perceptually uniform, dark → bright, the default) and
 * `diverging` (blue − / white 0 / red +, for signed attributions). Anchor colours are sampled
 * from the published maps and interpolated linearly.
 */

export type ColormapName = 'inferno' | 'diverging';

// Matplotlib's inferno at t = 0, 1/8, …, 1.
const INFERNO: [number, number, number][] = [
  [0, 0, 4],
  [31, 12, 72],
  [85, 15, 109],
  [136, 34, 106],
  [186, 54, 85],
  [227, 89, 51],
  [249, 140, 10],
  [249, 201, 50],
  [252, 255, 164],
];
const DIVERGING: [number, number, number][] = [
  [5, 48, 97],
  [67, 147, 195],
  [247, 247, 247],
  [214, 96, 77],
  [103, 0, 31],
];

function sample(stops: [number, number, number][], t: number, out: Uint8ClampedArray, o: number): void {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  for (let c = 0; c < 3; c++) out[o + c] = stops[i][c] + f * (stops[i + 1][c] - stops[i][c]);
}

/**
 * Colour of `t` into `out[o…o+2]`. inferno: t in [0, 1]; diverging: t in [−1, 1] (0 is white).
 */
export function colormap(name: ColormapName, t: number, out: Uint8ClampedArray, o = 0): void {
  if (name === 'diverging') sample(DIVERGING, (t + 1) / 2, out, o);
  else sample(INFERNO, t, out, o);
}
