import { MaxPool } from '@tensorflow/tfjs-core';
import { setElementwiseKernelsDisabled } from './loops';
import { runKernel, seededValues, setUpBackends, sizeOf } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

afterEach(() => setElementwiseKernelsDisabled(false));

describe('MaxPool on wasm', () => {
  const cases: [string, number[], number, 'valid' | 'same'][] = [
    ['2×2 valid, 10 channels (cnn-mnist)', [3, 28, 28, 10], 2, 'valid'],
    ['odd sides: the last row and column are dropped', [2, 7, 7, 10], 2, 'valid'],
    ['same padding on even sides', [2, 8, 6, 8], 2, 'same'],
    ['16 channels', [1, 4, 4, 16], 2, 'valid'],
    ['same padding on odd sides (shipped kernel)', [1, 5, 5, 8], 2, 'same'],
    ['3 channels (shipped kernel)', [2, 6, 6, 3], 2, 'valid'],
    ['3×3 windows (shipped kernel)', [1, 9, 9, 4], 3, 'valid'],
  ];
  for (const [name, shape, size, pad] of cases) {
    it(`${name}: identical to the cpu backend`, async () => {
      const values = seededValues(sizeOf(shape), 41);
      const attrs = { filterSize: size, strides: size === 3 ? 3 : 2, pad };
      const want = await runKernel('cpu', MaxPool, { x: { values, shape } }, attrs);
      const got = await runKernel('wasm', MaxPool, { x: { values, shape } }, attrs);
      expect(got.shape).toEqual(want.shape);
      expect(Array.from(got.values)).toEqual(Array.from(want.values));
    });
  }

  it('ignores NaN and keeps the first of equal maxima (−0 before +0), as the cpu backend', async () => {
    const shape = [1, 2, 4, 4];
    // Two windows × 4 channels: channel 0 all NaN; channel 1 NaN first; channel 2 −0/+0; channel 3 −∞ only.
    const w = (a: number, b: number, c: number, d: number) => [a, b, c, d];
    const values = new Float32Array(32);
    const cells = [w(NaN, NaN, -0, -Infinity), w(NaN, 3, 0, -Infinity), w(NaN, NaN, 0, -Infinity), w(NaN, 1, -0, -Infinity)];
    // x[0,0,0], x[0,0,1], x[0,1,0], x[0,1,1] of window 0; window 1 copies them.
    const at = (y: number, x: number) => (y * 4 + x) * 4;
    [at(0, 0), at(0, 1), at(1, 0), at(1, 1)].forEach((o, i) => values.set(cells[i], o));
    [at(0, 2), at(0, 3), at(1, 2), at(1, 3)].forEach((o, i) => values.set(cells[i], o));
    const attrs = { filterSize: 2, strides: 2, pad: 'valid' as const };
    const want = await runKernel('cpu', MaxPool, { x: { values, shape } }, attrs);
    const got = await runKernel('wasm', MaxPool, { x: { values, shape } }, attrs);
    expect(Array.from(got.values)).toEqual(Array.from(want.values));
    expect(Object.is(got.values[2], -0)).toBe(true);
  });

  it('without the element-wise module, pools go to the shipped kernel', async () => {
    setElementwiseKernelsDisabled(true);
    const values = seededValues(2 * 6 * 6 * 8, 42);
    const attrs = { filterSize: 2, strides: 2, pad: 'valid' as const };
    const want = await runKernel('cpu', MaxPool, { x: { values, shape: [2, 6, 6, 8] } }, attrs);
    const got = await runKernel('wasm', MaxPool, { x: { values, shape: [2, 6, 6, 8] } }, attrs);
    expect(Array.from(got.values)).toEqual(Array.from(want.values));
  });
});
