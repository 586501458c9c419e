/**
 * The HOG number-crunching kernel, a line-by-line numerical twin of skimage 0.19's
 * `skimage/feature/_hog.py` + `_hoghistogram.pyx` for a float32 image.
 *
 * What skimage computes, in the precision it computes it (and what we do to get the same bits):
 * 1. image: float32 (`img.astype(np.float32) / 255` for MNIST). Optional `np.sqrt` in float32.
 *    → a Float32Array scratch; uint8 pixels go through a 256-entry table of `fround(x / 255)`.
 * 2. gradients `_hog_channel_gradient`: `g_row = image[r+1] - image[r-1]`, `g_col` likewise, in
 *    float32, no /2, 0 on the first/last row (g_row) and first/last column (g_col).
 *    → `Math.fround(a - b)`.
 * 3. magnitude `np.hypot(g_col, g_row)` and orientation `rad2deg(arctan2(g_row, g_col)) % 180`, float64.
 * 4. `cell_hog`: bin i takes a pixel when NOT (`o >= 180/n*(i+1)` or `o < 180/n*i`), i.e.
 *    `T[i] <= o < T[i+1]` with `T[k] = (180/n)*k` in float64. A pixel whose orientation is
 *    `>= T[n]` (e.g. 180 after rounding `-tiny % 180`) lands in no bin; a NaN one in every bin.
 *    The sum runs row-major over the cell in a C `float` (so float32 with a rounding after every
 *    add) and is divided by the cell area in float32. → a Float32Array accumulator, then `fround(sum / area)`.
 * 5. blocks: `_hog_normalize_block` in float64 with eps = 1e-5 (numpy's pairwise summation
 *    order reproduced), stored into a float32 output.
 *
 * Binning without `Math.atan2`, exactly as skimage bins: a table lookup on the pseudo-angle
 * `|y| / (|x| + |y|)` (mirrored to `2 − …` on 90–180°), monotone in the angle, gives the bin for
 * every table cell that no bin edge comes within 1e-9 of. Gradients in the few cells next to an edge
 * go to a sign test: after folding into the upper half plane, `y·cos T − x·sin T` has the sign of
 * (angle − T), binary-searched over the edges. Where even that is within ~1e-10 rad of an edge —
 * where skimage's own rounding could decide either way — the pixel is binned by skimage's arithmetic
 * (`atan2 · 180/π`, numpy's `%`, its range test). Exact edges that real images hit (0°, 45°, 90°,
 * 135°: a gradient along an axis or a diagonal; no other rational slope lies exactly on an edge) are
 * decided up front from the exact degrees skimage gets there.
 *
 * `hogBatchParallel` (the `./node` entry) runs the same functions in worker threads (node/hog-worker.ts).
 */

/** Plain-data description of one HOG computation; it crosses to worker threads as is. */
export interface HogKernelParams {
  height: number;
  width: number;
  orientations: number;
  cellRows: number;
  cellCols: number;
  blockRows: number;
  blockCols: number;
  /** Index into `HOG_BLOCK_NORMS`: 0 L1, 1 L1-sqrt, 2 L2, 3 L2-Hys. */
  norm: number;
  transformSqrt: boolean;
}

/** Everything precomputed for one geometry, plus the scratch buffers reused image after image. */
export interface HogPlan extends HogKernelParams {
  cellsRows: number;
  cellsCols: number;
  blocksRows: number;
  blocksCols: number;
  featureLength: number;
  /** Bin edges in degrees, `T[k] = (180 / n) * k`, k = 0..n, exactly as skimage's float64 products. */
  edges: Float64Array;
  /** Unit direction of each edge, for the sign test. */
  edgeCos: Float64Array;
  edgeSin: Float64Array;
  /** Bins of the exact orientations 45°, 90° and 135° (-1: none). */
  bin45: number;
  bin90: number;
  bin135: number;
  /** Bin per pseudo-angle cell; -3: near an edge, use the sign test. */
  binLut: Int32Array;
  /** Pseudo-angle cells per unit. */
  lutScale: number;
  /** uint8 pixel → float32 value (`fround(x / 255)`, square-rooted in float32 when transformSqrt). */
  u8Lut: Float32Array;
  /** Cell index × orientations for every covered column. */
  colCell: Int32Array;
  /** Scratch: the float32 image. */
  img: Float32Array;
  /** Scratch: float32 running sums per cell and bin. */
  sums: Float32Array;
  /** Cell histograms (float32 values held in float64), `cellsRows × cellsCols × orientations`. */
  cells: Float64Array;
  /** Scratch for one block and its squares/absolute values. */
  block: Float64Array;
  blockTmp: Float64Array;
}

/**
 * skimage's orientation in degrees: `np.rad2deg(np.arctan2(g_row, g_col)) % 180` — rad2deg is
 * `x * (180 / pi)`, and numpy's float `%` is `fmod`, plus 180 when negative, +0 for any zero.
 */
export function hogDegrees(gRow: number, gCol: number): number {
  const deg = (Math.atan2(gRow, gCol) * (180 / Math.PI)) % 180;
  if (deg < 0) return deg + 180;
  return deg === 0 ? 0 : deg;
}

/** Bin of an orientation in degrees by skimage's own test; -1 when in none, -2 for NaN (every bin). */
export function hogBinOfDegrees(edges: Float64Array, n: number, deg: number): number {
  if (deg !== deg) return -2;
  for (let i = 0; i < n; i++) {
    if (!(deg >= edges[i + 1] || deg < edges[i])) return i;
  }
  return -1;
}

/**
 * Bin of the gradient `(gRow, gCol)` by the sign of `y·cos T − x·sin T` against the edges T
 * (binary search), after folding into the upper half plane; falls back to skimage's own arithmetic
 * ({@link hogDegrees}) when the angle is within ~1e-10 rad of an edge. Both arguments non-zero, finite.
 */
export function hogBinBySignTest(plan: HogPlan, gRow: number, gCol: number): number {
  const n = plan.orientations;
  const edgeCos = plan.edgeCos;
  const edgeSin = plan.edgeSin;
  const x = gRow < 0 ? -gCol : gCol;
  const y = gRow < 0 ? -gRow : gRow;
  const margin = 1e-10 * (y + Math.abs(x));
  let lo = 0;
  let hi = n + 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const s = y * edgeCos[mid] - x * edgeSin[mid];
    if (s > margin) lo = mid;
    else if (s < -margin) hi = mid;
    else return hogBinOfDegrees(plan.edges, n, hogDegrees(gRow, gCol)); // too close to call: do as skimage
  }
  return lo === n ? -1 : lo;
}

/** Pseudo-angle of a direction in the upper half plane (see `computeCellHistograms`), for the bin table. */
export function hogPseudoAngle(x: number, y: number): number {
  return x >= 0 ? y / (x + y) : 2 - y / (y - x);
}

/** Precomputes tables and allocates scratch buffers for one geometry. Parameters must be valid. */
export function compileHogPlan(p: HogKernelParams): HogPlan {
  const n = p.orientations;
  const perBin = 180 / n;
  const edges = new Float64Array(n + 1);
  const edgeCos = new Float64Array(n + 1);
  const edgeSin = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    edges[k] = perBin * k;
    const rad = (edges[k] * Math.PI) / 180;
    edgeCos[k] = Math.cos(rad);
    edgeSin[k] = Math.sin(rad);
  }
  // Bin table over the pseudo-angle [0, 2]: cell q covers [q / lutScale, (q + 1) / lutScale); -3 marks
  // cells within 1e-9 of an edge (decided by hogBinBySignTest instead).
  const lutScale = Math.min(1 << 16, Math.max(1024, 128 * n));
  const binLut = new Int32Array(2 * lutScale + 1);
  const pseudoEdges = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) pseudoEdges[k] = hogPseudoAngle(edgeCos[k], edgeSin[k]);
  for (let q = 0, k = 1; q < binLut.length; q++) {
    const lo = q / lutScale - 1e-9;
    const hi = (q + 1) / lutScale + 1e-9;
    while (k <= n && pseudoEdges[k] < lo) k++; // edges 1..k-1 lie below this cell (they increase with k)
    const mixed = q === binLut.length - 1 || (k <= n && pseudoEdges[k] <= hi);
    binLut[q] = mixed ? -3 : k - 1 === n ? -1 : k - 1;
  }
  const u8Lut = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    u8Lut[i] = i / 255;
    if (p.transformSqrt) u8Lut[i] = Math.sqrt(u8Lut[i]);
  }
  const cellsRows = Math.floor(p.height / p.cellRows);
  const cellsCols = Math.floor(p.width / p.cellCols);
  const blocksRows = Math.max(0, cellsRows - p.blockRows + 1);
  const blocksCols = Math.max(0, cellsCols - p.blockCols + 1);
  const colCell = new Int32Array(cellsCols * p.cellCols);
  for (let c = 0; c < colCell.length; c++) colCell[c] = Math.floor(c / p.cellCols) * n;
  const blockLen = p.blockRows * p.blockCols * n;
  return {
    ...p,
    cellsRows,
    cellsCols,
    blocksRows,
    blocksCols,
    featureLength: blocksRows * blocksCols * blockLen,
    edges,
    edgeCos,
    edgeSin,
    bin45: hogBinOfDegrees(edges, n, 45),
    bin90: hogBinOfDegrees(edges, n, 90),
    bin135: hogBinOfDegrees(edges, n, 135),
    binLut,
    lutScale,
    u8Lut,
    colCell,
    img: new Float32Array(p.height * p.width),
    sums: new Float32Array(cellsRows * cellsCols * n),
    cells: new Float64Array(cellsRows * cellsCols * n),
    block: new Float64Array(blockLen),
    blockTmp: new Float64Array(blockLen),
  };
}

/**
 * Fills `plan.cells` with the cell histograms of one image read from `src` at `srcOffset`
 * (uint8 → `x / 255`; float32 as is). Equals skimage's `orientation_histogram`.
 */
export function computeCellHistograms(plan: HogPlan, src: ArrayLike<number> & { BYTES_PER_ELEMENT: number }, srcOffset: number): void {
  const H = plan.height;
  const W = plan.width;
  const n = plan.orientations;
  const img = plan.img;
  const size = H * W;
  if (src.BYTES_PER_ELEMENT === 1) {
    const lut = plan.u8Lut;
    for (let i = 0; i < size; i++) img[i] = lut[src[srcOffset + i]];
  } else if (plan.transformSqrt) {
    for (let i = 0; i < size; i++) img[i] = Math.sqrt(src[srcOffset + i]);
  } else {
    for (let i = 0; i < size; i++) img[i] = src[srcOffset + i];
  }

  const sums = plan.sums;
  sums.fill(0);
  const edges = plan.edges;
  const colCell = plan.colCell;
  const binLut = plan.binLut;
  const lutScale = plan.lutScale;
  const bin45 = plan.bin45;
  const bin90 = plan.bin90;
  const bin135 = plan.bin135;
  const cellRows = plan.cellRows;
  const rowsCovered = plan.cellsRows * cellRows;
  const colsCovered = plan.cellsCols * plan.cellCols;
  const lastCol = W - 1;
  const rowStride = plan.cellsCols * n;

  for (let r = 0; r < rowsCovered; r++) {
    const interiorRow = r > 0 && r < H - 1;
    const rowBase = r * W;
    const cellRowBase = Math.floor(r / cellRows) * rowStride;
    for (let c = 0; c < colsCovered; c++) {
      const i = rowBase + c;
      const gr = interiorRow ? Math.fround(img[i + W] - img[i - W]) : 0;
      const gc = c > 0 && c < lastCol ? Math.fround(img[i + 1] - img[i - 1]) : 0;
      if (gr === 0 && gc === 0) continue; // skimage adds 0 to bin 0: no change
      let mag = Math.sqrt(gr * gr + gc * gc);
      let bin: number;
      if (!(mag < Infinity)) {
        // NaN or infinite: skimage's exact semantics (hypot(inf, nan) = inf; a NaN angle → every bin)
        mag = Math.hypot(gc, gr);
        bin = hogBinOfDegrees(edges, n, hogDegrees(gr, gc));
      } else if (gr === 0) {
        bin = 0; // 0°, or 180° % 180 = 0
      } else if (gc === 0) {
        bin = bin90;
      } else {
        const ax = Math.abs(gc);
        const ay = Math.abs(gr);
        if (ax === ay) {
          bin = gc > 0 === gr > 0 ? bin45 : bin135;
        } else {
          // pseudo-angle in [0, 2], monotone in the unsigned angle: |y|/(|x|+|y|) on 0–90°, 2 minus that on 90–180°
          const p = 1 + Math.sign(gc * gr) * (ay / (ax + ay) - 1);
          bin = binLut[(p * lutScale) | 0];
          if (bin === -3) bin = hogBinBySignTest(plan, gr, gc);
        }
      }
      if (bin >= 0) sums[cellRowBase + colCell[c] + bin] += mag;
      else if (bin === -2) for (let q = 0; q < n; q++) sums[cellRowBase + colCell[c] + q] += mag;
    }
  }

  const cells = plan.cells;
  const area = plan.cellRows * plan.cellCols;
  for (let k = 0; k < cells.length; k++) cells[k] = Math.fround(sums[k] / area);
}

/** numpy's pairwise summation of `a[off .. off + n)` (`pairwise_sum_DOUBLE`: blocks of 8, PW_BLOCKSIZE 128). */
export function pairwiseSum(a: Float64Array, off: number, n: number): number {
  if (n <= 128) return pairwiseSumLeaf(a, off, n);
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
}

/** {@link pairwiseSum} for n <= 128: in order below 8 values, else 8 interleaved partial sums. */
export function pairwiseSumLeaf(a: Float64Array, off: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[off + i];
    return res;
  }
  let r0 = a[off];
  let r1 = a[off + 1];
  let r2 = a[off + 2];
  let r3 = a[off + 3];
  let r4 = a[off + 4];
  let r5 = a[off + 5];
  let r6 = a[off + 6];
  let r7 = a[off + 7];
  let i = 8;
  const end = n - (n % 8);
  for (; i < end; i += 8) {
    r0 += a[off + i];
    r1 += a[off + i + 1];
    r2 += a[off + i + 2];
    r3 += a[off + i + 3];
    r4 += a[off + i + 4];
    r5 += a[off + i + 5];
    r6 += a[off + i + 6];
    r7 += a[off + i + 7];
  }
  // prettier-ignore
  let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
  for (; i < n; i++) res += a[off + i];
  return res;
}

/** Normalises every block of `plan.cells` into `out` from `outOffset`, skimage's output order. */
export function normalizeBlocks(plan: HogPlan, out: Float32Array, outOffset: number): void {
  const eps = 1e-5;
  const eps2 = eps * eps;
  const n = plan.orientations;
  const bR = plan.blockRows;
  const bC = plan.blockCols;
  const cellsCols = plan.cellsCols;
  const cells = plan.cells;
  const block = plan.block;
  const tmp = plan.blockTmp;
  const len = block.length;
  const norm = plan.norm;
  let o = outOffset;
  for (let br = 0; br < plan.blocksRows; br++) {
    for (let bc = 0; bc < plan.blocksCols; bc++) {
      let j = 0;
      for (let cr = 0; cr < bR; cr++) {
        for (let cc = 0; cc < bC; cc++) {
          const base = ((br + cr) * cellsCols + bc + cc) * n;
          for (let q = 0; q < n; q++) block[j++] = cells[base + q];
        }
      }
      if (norm <= 1) {
        // L1, L1-sqrt: block / (sum(|block|) + eps)
        for (j = 0; j < len; j++) tmp[j] = Math.abs(block[j]);
        const s = len <= 128 ? pairwiseSumLeaf(tmp, 0, len) : pairwiseSum(tmp, 0, len);
        if (s === 0) {
          for (j = 0; j < len; j++) out[o + j] = 0; // an empty block (0 / eps, sqrt(0))
        } else {
          const d = s + eps;
          if (norm === 0) for (j = 0; j < len; j++) out[o + j] = block[j] / d;
          else for (j = 0; j < len; j++) out[o + j] = Math.sqrt(block[j] / d);
        }
      } else {
        // L2: block / sqrt(sum(block**2) + eps**2)
        for (j = 0; j < len; j++) tmp[j] = block[j] * block[j];
        const s = len <= 128 ? pairwiseSumLeaf(tmp, 0, len) : pairwiseSum(tmp, 0, len);
        if (s === 0) {
          for (j = 0; j < len; j++) out[o + j] = 0; // an empty block: 0 / eps, twice for L2-Hys
        } else if (norm === 2) {
          const d = Math.sqrt(s + eps2);
          for (j = 0; j < len; j++) out[o + j] = block[j] / d;
        } else {
          // L2-Hys: then np.minimum(out, 0.2) and renormalise
          const d = Math.sqrt(s + eps2);
          for (j = 0; j < len; j++) {
            const v = Math.min(block[j] / d, 0.2);
            block[j] = v;
            tmp[j] = v * v;
          }
          const d2 = Math.sqrt((len <= 128 ? pairwiseSumLeaf(tmp, 0, len) : pairwiseSum(tmp, 0, len)) + eps2);
          for (j = 0; j < len; j++) out[o + j] = block[j] / d2;
        }
      }
      o += len;
    }
  }
}

/** Features of one image: `src` at `srcOffset` → `out` at `outOffset` (`plan.featureLength` values). */
export function runHogPlan(
  plan: HogPlan,
  src: ArrayLike<number> & { BYTES_PER_ELEMENT: number },
  srcOffset: number,
  out: Float32Array,
  outOffset: number,
): void {
  computeCellHistograms(plan, src, srcOffset);
  normalizeBlocks(plan, out, outOffset);
}
