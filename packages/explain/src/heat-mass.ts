/**
 * Where a heat map's mass lies: the fraction in an inner box versus the border band around it
 * (where X-rays carry text markers, collimator edges and the image border). A number to report
 * instead of an impression of a picture.
 */
import { ExplainInputError } from './errors';
import type { HeatMap } from './overlay';

/** Fractions of the total (non-negative) heat. */
export interface HeatMassRegions {
  /** In the inner box (the image minus the border band). */
  inner: number;
  /** In the border band. */
  border: number;
  /** Share of the image's area that the inner box covers (the fraction a uniform map would give). */
  innerArea: number;
}

/**
 * Splits a map's mass between the inner box and a band of `band` × side on every side
 * (default 0.15). An all-zero map gives NaN fractions.
 */
export function heatMass(map: HeatMap, band = 0.15): HeatMassRegions {
  if (!(band >= 0 && band < 0.5)) throw new ExplainInputError(`band must be in [0, 0.5), got ${band}`);
  if (map.values.length !== map.height * map.width) throw new ExplainInputError(`heatMass: ${map.values.length} values for a ${map.height}×${map.width} map`);
  const y0 = Math.round(band * map.height);
  const y1 = map.height - y0;
  const x0 = Math.round(band * map.width);
  const x1 = map.width - x0;
  let inner = 0;
  let total = 0;
  for (let y = 0; y < map.height; y++) {
    for (let x = 0; x < map.width; x++) {
      const v = Math.max(0, map.values[y * map.width + x]);
      total += v;
      if (y >= y0 && y < y1 && x >= x0 && x < x1) inner += v;
    }
  }
  return { inner: inner / total, border: (total - inner) / total, innerArea: ((y1 - y0) * (x1 - x0)) / (map.height * map.width) };
}
