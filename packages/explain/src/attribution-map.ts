/**
 * Attributions (one per input value) as a picture-shaped map. Image inputs (h × w × c, or a flat
 * 784-vector of a 28×28 digit) sum |attribution| over channels per pixel. HOG inputs map each
 * feature back to the cell its histogram came from: a cell's heat is the sum of |attribution| of
 * its orientation bins over every block that holds it, spread over the cell's pixels.
 */
import { hogGeometry, type HogOptions } from '@nnlab/features-hog';
import { ExplainInputError } from './errors';
import type { HeatMap } from './overlay';

/** How a sample's values lie on the image. */
export type InputLayout = { kind: 'image'; height: number; width: number; channels?: number } | { kind: 'hog'; height: number; width: number; hog: HogOptions };

/** A map of attribution magnitude over the image; for HOG also per cell. */
export interface AttributionMap extends HeatMap {
  /** Signed sum per pixel (image layouts); undefined for HOG, whose cells mix signs of bins. */
  signed?: Float32Array;
  /** HOG: magnitude per cell, `cellsRows × cellsCols`. */
  cells?: { values: Float32Array; rows: number; cols: number; cellHeight: number; cellWidth: number };
}

function imageMap(values: ArrayLike<number>, height: number, width: number, channels: number): AttributionMap {
  if (values.length !== height * width * channels) {
    throw new ExplainInputError(`${values.length} attributions do not fit a ${height}×${width}×${channels} image`);
  }
  const mag = new Float32Array(height * width);
  const signed = new Float32Array(height * width);
  for (let p = 0; p < height * width; p++) {
    for (let c = 0; c < channels; c++) {
      mag[p] += Math.abs(values[p * channels + c]);
      signed[p] += values[p * channels + c];
    }
  }
  return { values: mag, height, width, signed };
}

function hogMap(values: ArrayLike<number>, height: number, width: number, options: HogOptions): AttributionMap {
  const g = hogGeometry(height, width, options, 'attributionMap');
  if (values.length !== g.featureLength) {
    throw new ExplainInputError(`${values.length} attributions do not fit HOG of a ${height}×${width} image (${g.featureLength} features)`);
  }
  const n = g.orientations;
  const [bR, bC] = g.cellsPerBlock;
  const [ch, cw] = g.pixelsPerCell;
  const cells = new Float32Array(g.cellsRows * g.cellsCols);
  let o = 0;
  // skimage's order: block row, block column, cell row in block, cell column in block, orientation.
  for (let br = 0; br < g.blocksRows; br++) {
    for (let bc = 0; bc < g.blocksCols; bc++) {
      for (let r = 0; r < bR; r++) {
        for (let c = 0; c < bC; c++) {
          let s = 0;
          for (let q = 0; q < n; q++) s += Math.abs(values[o++]);
          cells[(br + r) * g.cellsCols + bc + c] += s;
        }
      }
    }
  }
  const mag = new Float32Array(height * width);
  for (let y = 0; y < g.cellsRows * ch; y++) {
    for (let x = 0; x < g.cellsCols * cw; x++) mag[y * width + x] = cells[Math.floor(y / ch) * g.cellsCols + Math.floor(x / cw)];
  }
  return { values: mag, height, width, cells: { values: cells, rows: g.cellsRows, cols: g.cellsCols, cellHeight: ch, cellWidth: cw } };
}

/** Lays attributions out over the image they explain. */
export function attributionMap(values: ArrayLike<number>, layout: InputLayout): AttributionMap {
  if (layout.kind === 'hog') return hogMap(values, layout.height, layout.width, layout.hog);
  return imageMap(values, layout.height, layout.width, layout.channels ?? 1);
}
