import { channelPeriod, WASM_LOOP_MODULES } from './loops';

function fresh(pages = 4): { memory: WebAssembly.Memory; f: Float32Array; i: Int32Array } {
  const memory = new WebAssembly.Memory({ initial: pages });
  return { memory, f: new Float32Array(memory.buffer), i: new Int32Array(memory.buffer) };
}

describe('gemm4xN (assembly/gemm.ts)', () => {
  it('gemm4x1/gemm4x2/gemm4x3 compute Σ A_r[m]·D[m, j] over a 2-D reduction block', () => {
    const { memory, f, i } = fresh();
    const gemm = WASM_LOOP_MODULES.gemm.forMemory(memory);
    if (!gemm) throw new Error('the gemm module did not load');
    const rows = 3; // reduction rows
    const cols = 5; // reduction columns per row
    const aRow = 9; // A row stride (floats): gaps of 4
    const cop = 12;
    const dRow = cols * cop + 8; // D row stride (floats): a gap
    const [tab, a, d, out] = [16, 256, 4096, 12000];
    for (let r = 0; r < 4; r++) i[tab + r] = (a + r * 40) * 4;
    for (let k = 0; k < 1000; k++) f[a + k] = ((k * 7) % 13) / 13 - 0.5;
    for (let k = 0; k < 1000; k++) f[d + k] = ((k * 5) % 11) / 11 - 0.5;
    const want = (r: number, j: number): number => {
      let s = 0;
      for (let t = 0; t < rows; t++) for (let u = 0; u < cols; u++) s += f[a + r * 40 + 2 + t * aRow + u] * f[d + t * dRow + u * cop + j];
      return s;
    };
    for (const [name, vectors] of [
      ['gemm4x1', 1],
      ['gemm4x2', 2],
      ['gemm4x3', 3],
    ] as const) {
      f.fill(1, out, out + 4 * cop); // accumulates onto what is there
      gemm[name](tab * 4, 4, d * 4, rows, cols, aRow * 4, dRow * 4, cop * 4, out * 4, cop * 4, 8);
      for (let r = 0; r < 4; r++) {
        for (let j = 0; j < cop; j++) {
          const expected = j < 4 * vectors ? 1 + want(r, j) : 1;
          expect(Math.abs(f[out + r * cop + j] - expected)).toBeLessThan(1e-5);
        }
      }
    }
  });
});

describe('row-wise loops (assembly/add-row-vector.ts, sum-rows.ts, max-pool-grad-2x2.ts)', () => {
  it('addRowVector adds the vector to every row, c not a multiple of 4', () => {
    const { memory, f } = fresh();
    const add = WASM_LOOP_MODULES.addRowVector.forMemory(memory)!;
    const [a, vec, out, rows, c] = [0, 1000, 2000, 3, 6];
    for (let k = 0; k < rows * c; k++) f[a + k] = k;
    for (let k = 0; k < c; k++) f[vec + k] = 100 * (k + 1);
    add.addRowVector(a * 4, vec * 4, out * 4, rows, c);
    for (let k = 0; k < rows * c; k++) expect(f[out + k]).toBe(k + 100 * ((k % c) + 1));
  });

  it('sumRows accumulates column sums, vector body and scalar tail', () => {
    const { memory, f } = fresh();
    const sum = WASM_LOOP_MODULES.sumRows.forMemory(memory)!;
    const [x, acc, rows, c] = [0, 1000, 5, 7];
    for (let k = 0; k < rows * c; k++) f[x + k] = k;
    f.fill(1, acc, acc + c);
    sum.sumRows(x * 4, acc * 4, rows, c);
    for (let ch = 0; ch < c; ch++) {
      let s = 1;
      for (let r = 0; r < rows; r++) s += r * c + ch;
      expect(f[acc + ch]).toBe(s);
    }
  });

  it('maxPoolGrad2x2 routes dy to the first maximum and flags NaN windows', () => {
    const { memory, f } = fresh();
    const pool = WASM_LOOP_MODULES.maxPoolGrad2x2.forMemory(memory)!;
    const c = 4;
    const [x, dy, dx] = [0, 1000, 2000];
    // One row of two 2×2 windows over a 4-wide image: cells (y, xx) at (y·4 + xx)·c.
    const cell = (y: number, xx: number, ch: number) => (y * 4 + xx) * c + ch;
    for (let ch = 0; ch < c; ch++) {
      f[x + cell(0, 0, ch)] = 1;
      f[x + cell(0, 1, ch)] = 3; // max of window 0 for every channel…
      f[x + cell(1, 0, ch)] = ch === 2 ? 3 : 0; // …tied in channel 2 (row-major: (0, 1) first)
      f[x + cell(1, 1, ch)] = 2;
      for (const [y, xx] of [
        [0, 2],
        [0, 3],
        [1, 2],
        [1, 3],
      ])
        f[x + cell(y, xx, ch)] = 5;
      f[dy + ch] = 10 + ch;
      f[dy + c + ch] = 20 + ch;
    }
    const flagged = pool.maxPoolGrad2x2(x * 4, dy * 4, dx * 4, 2, c, 4 * c * 4, 2 * c * 4);
    expect(flagged).toBe(0);
    for (let ch = 0; ch < c; ch++) {
      expect([cell(0, 0, ch), cell(0, 1, ch), cell(1, 0, ch), cell(1, 1, ch)].map((p) => f[dx + p])).toEqual([0, 10 + ch, 0, 0]);
      // All four equal: the first (top-left) takes it.
      expect([cell(0, 2, ch), cell(0, 3, ch), cell(1, 2, ch), cell(1, 3, ch)].map((p) => f[dx + p])).toEqual([20 + ch, 0, 0, 0]);
    }
    f[x + cell(1, 1, 3)] = NaN;
    expect(pool.maxPoolGrad2x2(x * 4, dy * 4, dx * 4, 2, c, 4 * c * 4, 2 * c * 4)).toBe(1);
  });
});

describe('element-wise loops (assembly/relu.ts, relu-grad.ts, add-periodic.ts, sum-periodic.ts, max-pool-2x2.ts)', () => {
  const { memory, f } = fresh(2);
  type Loops<K extends keyof typeof WASM_LOOP_MODULES> = ReturnType<(typeof WASM_LOOP_MODULES)[K]['forMemory']>;
  const load = <K extends keyof typeof WASM_LOOP_MODULES>(name: K): NonNullable<Loops<K>> => {
    const fns = WASM_LOOP_MODULES[name].forMemory(memory) as Loops<K>;
    if (!fns) throw new Error(`${name} did not load`);
    return fns;
  };
  const [x, y, out] = [0, 4096, 8192]; // float indices
  const special = [NaN, -0, 0, -Infinity, Infinity, -1.5, 2.5, 1e-30];

  it('relu: max(x, 0), NaN kept', () => {
    f.set(special, x);
    f.fill(7, out, out + 12);
    load('relu').relu(x * 4, out * 4, 8 * 4);
    expect(Array.from(f.subarray(out, out + 8))).toEqual([NaN, 0, 0, 0, Infinity, 0, 2.5, 1e-30].map(Math.fround));
    expect(f[out + 8]).toBe(7); // stops at the given length
  });

  it('reluGrad: dy · step(x), a real multiply (NaN and ∞ in dy stay visible where x > 0)', () => {
    const { reluGrad } = load('reluGrad');
    f.set([1, 2, 3, 4, 5, 6, 7, 8], x);
    f.set([NaN, -1, 0, -Infinity, Infinity, -1.5, 2.5, 1e-30], y);
    reluGrad(x * 4, y * 4, out * 4, 8 * 4);
    expect(Array.from(f.subarray(out, out + 8))).toEqual([0, 0, 0, 0, 5, 0, 7, 8]);
    f.set([NaN, Infinity, -2, NaN], x);
    f.set([1, 1, 1, -1], y);
    reluGrad(x * 4, y * 4, out * 4, 16);
    expect(Array.from(f.subarray(out, out + 4))).toEqual([NaN, Infinity, -2, NaN]);
  });

  it('addPeriodic and sumPeriodic wrap at the period', () => {
    const n = 40;
    for (let i = 0; i < n; i++) f[x + i] = i;
    f.set([100, 200, 300, 400, 500, 600, 700, 800], y);
    load('addPeriodic').addPeriodic(x * 4, y * 4, out * 4, n * 4, 8 * 4);
    for (let i = 0; i < n; i++) expect(f[out + i]).toBe(i + 100 * ((i % 8) + 1));
    f.fill(1, y, y + 8);
    load('sumPeriodic').sumPeriodic(x * 4, y * 4, n * 4, 8 * 4);
    for (let q = 0; q < 8; q++) expect(f[y + q]).toBe(1 + q + (q + 8) + (q + 16) + (q + 24) + (q + 32));
  });

  it('maxPool2x2: first maximum, NaN ignored, −∞ for an all-NaN window, 5 channels', () => {
    const c = 5;
    // A 2×4 image → 1×2 windows; window 1 holds NaN in channel 0 and only NaN in channel 1.
    for (let k = 0; k < 2 * 4 * c; k++) f[x + k] = (k * 37) % 11;
    const at = (yy: number, xx: number, ch: number) => x + (yy * 4 + xx) * c + ch;
    f[at(0, 2, 0)] = NaN;
    for (const [yy, xx] of [
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
    ])
      f[at(yy, xx, 1)] = NaN;
    load('maxPool2x2').maxPool2x2(x * 4, out * 4, 1, 2, c, 4 * c * 4);
    for (let w = 0; w < 2; w++) {
      for (let ch = 0; ch < c; ch++) {
        const vals = [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ]
          .map(([yy, xx]) => f[at(yy, 2 * w + xx, ch)])
          .filter((v) => !Number.isNaN(v));
        expect(f[out + w * c + ch]).toBe(vals.length ? Math.max(...vals) : -Infinity);
      }
    }
  });

  it('channel periods are multiples of the channels and of 4, at least 64 floats', () => {
    expect(channelPeriod(10)).toBe(80);
    expect(channelPeriod(8)).toBe(64);
    expect(channelPeriod(7)).toBe(84);
    expect(channelPeriod(128)).toBe(128);
    expect(channelPeriod(6)).toBe(72);
    for (let c = 1; c < 50; c++) {
      const p = channelPeriod(c);
      expect(p % c).toBe(0);
      expect(p % 4).toBe(0);
      expect(p).toBeGreaterThanOrEqual(64);
    }
  });
});
