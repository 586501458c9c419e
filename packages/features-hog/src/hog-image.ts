import { HogOptionError } from './errors';
import { hogKernelParams, type HogImage } from './hog';
import { checkImageBuffer } from './input-checks';
import { compileHogPlan, computeCellHistograms } from './hog-kernel';
import { hogGeometry, type HogGeometry, type HogOptions } from './hog-options';

/**
 * Draws skimage's HOG picture from cell histograms (`cells`: cellsRows × cellsCols × orientations).
 *
 * Per cell and bin, skimage (`_hog.py`, `visualize=True`) draws one `draw.line` through the cell
 * centre `(r·cR + cR//2, c·cC + cC//2)`, perpendicular to the bin's middle angle
 * `π(o + ½)/n`, from `(int(centre_r − dc), int(centre_c + dr))` to `(int(centre_r + dc), int(centre_c − dr))`
 * with `dr = radius·sin`, `dc = radius·cos`, `radius = min(cR, cC)//2 − 1`, and adds the bin's
 * (unnormalised) value to every pixel of the line in float32. Bresenham as `skimage.draw.line`.
 */
export function drawHogPicture(cells: Float64Array, g: HogGeometry, fn = 'hogImage'): Float32Array {
  const H = g.height;
  const W = g.width;
  const n = g.orientations;
  const [cR, cC] = g.pixelsPerCell;
  const radius = Math.floor(Math.min(cR, cC) / 2) - 1;
  const dr = new Float64Array(n);
  const dc = new Float64Array(n);
  for (let o = 0; o < n; o++) {
    const mid = (Math.PI * (o + 0.5)) / n;
    dr[o] = radius * Math.sin(mid);
    dc[o] = radius * Math.cos(mid);
  }
  const pic = new Float32Array(H * W);
  const put = (row: number, col: number, v: number): void => {
    // numpy fancy indexing: negative indices wrap, too large ones raise IndexError
    const rr = row < 0 ? row + H : row;
    const cc = col < 0 ? col + W : col;
    if (rr < 0 || rr >= H || cc < 0 || cc >= W) {
      throw new HogOptionError(
        'pixelsPerCell',
        `${fn}: options.pixelsPerCell [${cR}, ${cC}] draws outside the ${H}×${W} picture (skimage raises IndexError here)`,
      );
    }
    pic[rr * W + cc] += v;
  };
  for (let r = 0; r < g.cellsRows; r++) {
    for (let c = 0; c < g.cellsCols; c++) {
      const centreR = r * cR + Math.floor(cR / 2);
      const centreC = c * cC + Math.floor(cC / 2);
      for (let o = 0; o < n; o++) {
        const v = cells[(r * g.cellsCols + c) * n + o];
        const r0 = Math.trunc(centreR - dc[o]);
        const c0 = Math.trunc(centreC + dr[o]);
        const r1 = Math.trunc(centreR + dc[o]);
        const c1 = Math.trunc(centreC - dr[o]);
        // skimage.draw._line, verbatim
        let steep = false;
        let pr = r0;
        let pc = c0;
        let dR = Math.abs(r1 - r0);
        let dC = Math.abs(c1 - c0);
        let sc = c1 - pc > 0 ? 1 : -1;
        let sr = r1 - pr > 0 ? 1 : -1;
        if (dR > dC) {
          steep = true;
          [pc, pr] = [pr, pc];
          [dC, dR] = [dR, dC];
          [sc, sr] = [sr, sc];
        }
        let d = 2 * dR - dC;
        for (let i = 0; i < dC; i++) {
          if (steep) put(pc, pr, v);
          else put(pr, pc, v);
          while (d >= 0) {
            pr += sr;
            d -= 2 * dC;
          }
          pc += sc;
          d += 2 * dR;
        }
        put(r1, c1, v);
      }
    }
  }
  return pic;
}

/**
 * skimage's HOG picture (`hog(…, visualize=True)[1]`): a `height × width` Float32Array in which
 * every cell shows one line per orientation bin, perpendicular to the bin's middle gradient
 * direction (so along the edge), as bright as the cell's unnormalised histogram value.
 * Matches skimage 0.19 within 1e-5 (same float32 accumulation). `cellsPerBlock` and `blockNorm`
 * do not change the picture and are ignored.
 *
 * @param image `height × width` pixels, row-major; uint8 is scaled by `x / 255` as in {@link hog}.
 * @throws HogInputError / HogOptionError as {@link hog}.
 */
export function hogImage(image: HogImage, height: number, width: number, options: HogOptions = {}): Float32Array {
  const g = hogGeometry(height, width, options, 'hogImage', false);
  checkImageBuffer('hogImage', 'image', image, height * width, `height × width = ${height} × ${width}`);
  const plan = compileHogPlan(hogKernelParams(g));
  computeCellHistograms(plan, image, 0);
  return drawHogPicture(plan.cells, g);
}
