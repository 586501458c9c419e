import * as tf from '@tensorflow/tfjs-core';
import { Sum } from '@tensorflow/tfjs-core';
import { setElementwiseKernelsDisabled, setSimdKernelsDisabled } from './loops';
import { leadingAxesCount } from './sum';
import { maxRelAbsError, runKernel, seededValues, setUpBackends, sizeOf } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

afterEach(() => {
  setSimdKernelsDisabled(false);
  setElementwiseKernelsDisabled(false);
});

describe('Sum on wasm', () => {
  it('recognises reductions over leading axes', () => {
    expect(leadingAxesCount([2, 3, 4, 5], [0, 1, 2])).toBe(3);
    expect(leadingAxesCount([2, 3, 4, 5], [2, 0, 1])).toBe(3);
    expect(leadingAxesCount([2, 3, 4, 5], [0, -3])).toBe(2);
    expect(leadingAxesCount([2, 3, 4, 5], 0)).toBe(1);
    expect(leadingAxesCount([2, 3, 4, 5], [0, 2])).toBe(0);
    expect(leadingAxesCount([2, 3, 4, 5], [0, 1, 2, 3])).toBe(0);
    expect(leadingAxesCount([2, 3], [1])).toBe(0);
  });

  const cases: [string, number[], number | number[], boolean][] = [
    ['bias gradient [N, H, W, 10]', [6, 28, 28, 10], [0, 1, 2], false],
    ['bias gradient, keepDims', [3, 5, 5, 8], [0, 1, 2], true],
    ['10 channels, 21 rows: 5 left over by the period of 8 rows', [1, 3, 7, 10], [0, 1, 2], false],
    ['many blocks of 10 channels', [2, 40, 40, 10], [0, 1, 2], false],
    ['7 channels', [9, 7], 0, false],
    ['leading axis of a matrix (dense bias gradient)', [1000, 16], 0, false],
    ['two leading axes, 6x5 inner', [7, 3, 6, 5], [1, 0], false],
    ['3 columns (shipped kernel)', [9, 3], 0, false],
    ['innermost axis (shipped kernel)', [4, 6], -1, false],
    ['everything (shipped kernel)', [4, 6], [0, 1], true],
  ];
  for (const [name, shape, axis, keepDims] of cases) {
    it(`${name}: matches the cpu backend`, async () => {
      const x = { values: seededValues(sizeOf(shape), 21, 0, 1), shape };
      const want = await runKernel('cpu', Sum, { x }, { axis, keepDims });
      const got = await runKernel('wasm', Sum, { x }, { axis, keepDims });
      expect(got.shape).toEqual(want.shape);
      expect(maxRelAbsError(got.values, want.values)).toBeLessThan(1e-6);
    });
  }

  it('int32 goes to the shipped kernel', async () => {
    await tf.setBackend('wasm');
    const out = tf.sum(tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [2, 4], 'int32'), 0);
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.dataSync())).toEqual([6, 8, 10, 12]);
  });

  it('without the element-wise module, sums take the row loop', async () => {
    setElementwiseKernelsDisabled(true);
    const x = { values: seededValues(6 * 7 * 10, 23), shape: [6, 7, 10] };
    const want = await runKernel('cpu', Sum, { x }, { axis: [0, 1], keepDims: false });
    const got = await runKernel('wasm', Sum, { x }, { axis: [0, 1], keepDims: false });
    expect(maxRelAbsError(got.values, want.values)).toBeLessThan(1e-6);
  });

  it('without the SIMD module, sums go to the shipped kernel', async () => {
    setSimdKernelsDisabled(true);
    const x = { values: seededValues(4 * 3 * 8, 22), shape: [4, 3, 8] };
    const want = await runKernel('cpu', Sum, { x }, { axis: [0, 1], keepDims: false });
    const got = await runKernel('wasm', Sum, { x }, { axis: [0, 1], keepDims: false });
    expect(maxRelAbsError(got.values, want.values)).toBeLessThan(1e-6);
  });
});
