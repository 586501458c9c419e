import { channelPeriod, elementwiseModuleBytes, type ElementwiseKernels } from './elementwise-kernels';

function instantiate(memory: WebAssembly.Memory): ElementwiseKernels {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(elementwiseModuleBytes(false)), { env: { memory } });
  return exports as unknown as ElementwiseKernels;
}

describe('the element-wise SIMD module', () => {
  it('is valid WebAssembly for a plain and a shared heap, under 4 KiB', () => {
    for (const shared of [false, true]) {
      const bytes = elementwiseModuleBytes(shared);
      expect(WebAssembly.validate(bytes)).toBe(true);
      expect(bytes.length).toBeLessThan(4096);
    }
  });

  const memory = new WebAssembly.Memory({ initial: 2 });
  const k = instantiate(memory);
  const f = new Float32Array(memory.buffer);
  const [x, y, out] = [0, 4096, 8192]; // float indices
  const special = [NaN, -0, 0, -Infinity, Infinity, -1.5, 2.5, 1e-30];

  it('relu: max(x, 0), NaN kept', () => {
    f.set(special, x);
    f.fill(7, out, out + 12);
    k.relu(x * 4, out * 4, 8 * 4);
    expect(Array.from(f.subarray(out, out + 8))).toEqual([NaN, 0, 0, 0, Infinity, 0, 2.5, 1e-30].map(Math.fround));
    expect(f[out + 8]).toBe(7); // stops at the given length
  });

  it('reluGrad: dy · step(x), a real multiply (NaN and ∞ in dy stay visible where x > 0)', () => {
    f.set([1, 2, 3, 4, 5, 6, 7, 8], x);
    f.set([NaN, -1, 0, -Infinity, Infinity, -1.5, 2.5, 1e-30], y);
    k.reluGrad(x * 4, y * 4, out * 4, 8 * 4);
    expect(Array.from(f.subarray(out, out + 8))).toEqual([0, 0, 0, 0, 5, 0, 7, 8]);
    f.set([NaN, Infinity, -2, NaN], x);
    f.set([1, 1, 1, -1], y);
    k.reluGrad(x * 4, y * 4, out * 4, 16);
    expect(Array.from(f.subarray(out, out + 4))).toEqual([NaN, Infinity, -2, NaN]);
  });

  it('addPeriodic and sumPeriodic wrap at the period', () => {
    const n = 40;
    for (let i = 0; i < n; i++) f[x + i] = i;
    f.set([100, 200, 300, 400, 500, 600, 700, 800], y);
    k.addPeriodic(x * 4, y * 4, out * 4, n * 4, 8 * 4);
    for (let i = 0; i < n; i++) expect(f[out + i]).toBe(i + 100 * ((i % 8) + 1));
    f.fill(1, y, y + 8);
    k.sumPeriodic(x * 4, y * 4, n * 4, 8 * 4);
    for (let q = 0; q < 8; q++) expect(f[y + q]).toBe(1 + q + (q + 8) + (q + 16) + (q + 24) + (q + 32));
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
