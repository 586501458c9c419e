import * as tf from '@tensorflow/tfjs-core';
import { Add } from '@tensorflow/tfjs-core';
import { rowVectorLength } from './add';
import { setElementwiseKernelsDisabled, setSimdKernelsDisabled } from './loops';
import { runKernel, seededValues, setUpBackends, sizeOf } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

afterEach(() => {
  setSimdKernelsDisabled(false);
  setElementwiseKernelsDisabled(false);
});

describe('Add on wasm', () => {
  it('recognises row vectors', () => {
    expect(rowVectorLength([128, 28, 28, 10], [10])).toBe(10);
    expect(rowVectorLength([128, 28, 28, 10], [1, 1, 10])).toBe(10);
    expect(rowVectorLength([128, 10], [2, 10])).toBe(0);
    expect(rowVectorLength([10], [1, 10])).toBe(0);
    expect(rowVectorLength([4, 5], [4])).toBe(0);
  });

  const cases: [string, number[], number[]][] = [
    ['bias add, 10 channels', [3, 28, 28, 10], [10]],
    ['10 channels, 75 rows: a 2-float tail after the periodic stream', [3, 5, 5, 10], [10]],
    ['7 channels, odd rows', [1, 9, 7], [7]],
    ['128 channels (period = one row)', [2, 3, 128], [128]],
    ['10 channels, 3 rows: the row loop', [3, 10], [10]],
    ['bias first', [16], [2, 5, 5, 16]],
    ['bias [1, 1, 6]', [2, 3, 3, 6], [1, 1, 6]],
    ['4 channels', [5, 4], [4]],
    ['3 channels (shipped kernel)', [2, 4, 4, 3], [3]],
    ['same shapes (shipped kernel)', [3, 7], [3, 7]],
    ['general broadcast (shipped kernel)', [3, 1, 5], [1, 4, 5]],
  ];
  for (const [name, aShape, bShape] of cases) {
    it(`${name}: identical to the cpu backend`, async () => {
      const a = { values: seededValues(sizeOf(aShape), 11), shape: aShape };
      const b = { values: seededValues(sizeOf(bShape), 12), shape: bShape };
      const want = await runKernel('cpu', Add, { a, b }, {});
      const got = await runKernel('wasm', Add, { a, b }, {});
      expect(got.shape).toEqual(want.shape);
      expect(Array.from(got.values)).toEqual(Array.from(want.values));
    });
  }

  it('int32 goes to the shipped kernel', async () => {
    await tf.setBackend('wasm');
    const out = tf.add(tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [2, 4], 'int32'), tf.tensor1d([1, 1, 1, 1], 'int32'));
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.dataSync())).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('without the element-wise module, bias adds take the row loop', async () => {
    setElementwiseKernelsDisabled(true);
    const a = { values: seededValues(5 * 5 * 10, 15), shape: [5, 5, 10] };
    const b = { values: seededValues(10, 16), shape: [10] };
    const want = await runKernel('cpu', Add, { a, b }, {});
    const got = await runKernel('wasm', Add, { a, b }, {});
    expect(Array.from(got.values)).toEqual(Array.from(want.values));
  });

  it('without the SIMD module, every add goes to the shipped kernel', async () => {
    setSimdKernelsDisabled(true);
    const a = { values: seededValues(2 * 3 * 8, 13), shape: [2, 3, 8] };
    const b = { values: seededValues(8, 14), shape: [8] };
    const want = await runKernel('cpu', Add, { a, b }, {});
    const got = await runKernel('wasm', Add, { a, b }, {});
    expect(Array.from(got.values)).toEqual(Array.from(want.values));
  });
});
