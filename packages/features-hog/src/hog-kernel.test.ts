import { compileHogPlan, computeCellHistograms, hogBinOfDegrees, hogDegrees, pairwiseSum, type HogKernelParams } from './hog-kernel';

function plan3x3(orientations: number) {
  const params: HogKernelParams = {
    height: 3,
    width: 3,
    orientations,
    cellRows: 3,
    cellCols: 3,
    blockRows: 1,
    blockCols: 1,
    norm: 3,
    transformSqrt: false,
  };
  return compileHogPlan(params);
}

/** 3×3 float32 image whose only non-zero gradient is (g_row, g_col) = (a, b) at the centre. */
function gradientImage(a: number, b: number): Float32Array {
  const img = new Float32Array(9);
  img[7] = a; // row 2, col 1 − row 0, col 1 (= 0)
  img[5] = b; // row 1, col 2 − row 1, col 0 (= 0)
  return img;
}

/** Which bin the kernel put the centre pixel in: -1 none, -2 every bin. */
function kernelBin(plan: ReturnType<typeof plan3x3>, a: number, b: number): number {
  computeCellHistograms(plan, gradientImage(a, b), 0);
  const hit: number[] = [];
  plan.cells.forEach((v, i) => {
    if (v !== 0) hit.push(i);
  });
  if (hit.length === 0) return -1;
  if (hit.length === plan.orientations && plan.orientations > 1) return -2;
  if (hit.length !== 1) throw new Error(`pixel in bins ${hit.join(',')}`);
  return hit[0];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** `x` moved by `k` float32 ulps (x > 0). */
function ulps(x: number, k: number): number {
  f32[0] = x;
  u32[0] += k;
  return f32[0];
}

describe('hogDegrees (skimage: rad2deg(arctan2(g_row, g_col)) % 180)', () => {
  it.each([
    [1, 1, 45],
    [1, -1, 135],
    [-1, 1, 135],
    [-1, -1, 45],
    [1, 0, 90],
    [-1, 0, 90],
    [0, -1, 0],
    [0, 1, 0],
    [-0, -1, 0],
  ])('(%p, %p) → %p', (gr, gc, deg) => {
    expect(hogDegrees(gr, gc)).toBe(deg);
  });

  it('rounds a tiny negative angle up to exactly 180 (no bin), like numpy', () => {
    const deg = hogDegrees(-1e-300, 1);
    expect(deg).toBe(180);
    expect(hogBinOfDegrees(plan3x3(9).edges, 9, deg)).toBe(-1);
  });

  it('NaN goes into every bin', () => {
    expect(hogBinOfDegrees(plan3x3(9).edges, 9, NaN)).toBe(-2);
  });
});

describe('fast binning equals skimage arithmetic', () => {
  const counts = [1, 2, 3, 4, 5, 7, 8, 9, 12, 18, 36];
  it.each(counts)('%p orientations: near every edge, every quadrant, exact axes and diagonals', (n) => {
    const plan = plan3x3(n);
    let checked = 0;
    const check = (a: number, b: number): void => {
      if (a === 0 && b === 0) return;
      const expected = hogBinOfDegrees(plan.edges, n, hogDegrees(a, b));
      const got = kernelBin(plan, a, b);
      if (got !== expected) throw new Error(`n=${n} g_row=${a} g_col=${b}: kernel bin ${got}, skimage bin ${expected}`);
      checked++;
    };
    for (let k = 0; k <= n; k++) {
      const rad = (plan.edges[k] * Math.PI) / 180;
      for (const s of [1e-3, 0.37, 1, 255]) {
        const a0 = Math.abs(Math.fround(s * Math.sin(rad)));
        const b0 = Math.abs(Math.fround(s * Math.cos(rad)));
        for (let da = -3; da <= 3; da++) {
          for (let db = -3; db <= 3; db++) {
            const a = a0 === 0 ? 0 : ulps(a0, da);
            const b = b0 === 0 ? 0 : ulps(b0, db);
            check(a, b);
            check(-a, b);
            check(a, -b);
            check(-a, -b);
          }
        }
      }
    }
    for (const v of [1, 0.5, 1 / 255, Math.fround(1 / 255), 3e-38]) {
      check(v, 0);
      check(0, v);
      check(-v, 0);
      check(0, -v);
      check(v, v);
      check(v, -v);
      check(-v, v);
      check(-v, -v);
    }
    // seeded random gradients of mixed scales
    let seed = 12345 + n;
    const rnd = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let i = 0; i < 3000; i++) {
      const scale = 10 ** Math.floor(rnd() * 8 - 4);
      check(Math.fround((rnd() * 2 - 1) * scale), Math.fround((rnd() * 2 - 1) * scale));
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('NaN gradients land in every bin and infinite ones in the right bin', () => {
    const plan = plan3x3(8);
    expect(kernelBin(plan, NaN, 1)).toBe(-2);
    expect(kernelBin(plan, 0, NaN)).toBe(-2);
    expect(kernelBin(plan, Infinity, 1)).toBe(hogBinOfDegrees(plan.edges, 8, 90));
    expect(kernelBin(plan, 1, -Infinity)).toBe(0);
  });
});

describe('computeCellHistograms arithmetic', () => {
  it('sums magnitudes in float32 and divides by the cell area in float32', () => {
    const plan = plan3x3(4);
    computeCellHistograms(plan, gradientImage(0.3, 0.4), 0);
    const mag = Math.sqrt(Math.fround(0.3) ** 2 + Math.fround(0.4) ** 2);
    expect(plan.cells[hogBinOfDegrees(plan.edges, 4, hogDegrees(Math.fround(0.3), Math.fround(0.4)))]).toBe(Math.fround(Math.fround(mag) / 9));
  });
});

describe('pairwiseSum (numpy order)', () => {
  // expected values: numpy 1.24 np.sum of a[i] = (i*7919 % 1000)/7 + 0.1*i (float64)
  it.each([
    [5, 456.7142857142857],
    [8, 678.8],
    [9, 729.8857142857142],
    [36, 2630.1428571428564],
    [37, 2645.7428571428563],
    [128, 9903.085714285713],
    [129, 10006.17142857143],
    [300, 25935.0],
    [1000, 121307.14285714284],
  ])('n = %p', (n, expected) => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = ((i * 7919) % 1000) / 7 + 0.1 * i;
    expect(pairwiseSum(a, 0, n)).toBe(expected);
  });
});
