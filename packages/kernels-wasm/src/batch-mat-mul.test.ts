import { BatchMatMul } from '@tensorflow/tfjs-core';
import { runKernel, seededValues, setUpBackends, sizeOf } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

function maxRelDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return m;
}

describe('BatchMatMul on wasm (transposed operands)', () => {
  const cases: [string, number[], number[], boolean, boolean][] = [
    ['dW of a Dense layer: xᵀ·dy (narrow)', [1, 128, 784], [1, 128, 10], true, false],
    ['dW, wide output: xᵀ·dy with N > M', [1, 64, 10], [1, 64, 32], true, false],
    ['dx of a Dense layer: dy·Wᵀ', [1, 128, 10], [1, 784, 10], false, true],
    ['both transposed', [1, 7, 5], [1, 9, 7], true, true],
    ['no transpose (shipped)', [1, 6, 5], [1, 5, 4], false, false],
    ['batch of 3 (shipped)', [3, 4, 5], [3, 4, 6], true, false],
  ];
  for (const [name, aShape, bShape, transposeA, transposeB] of cases) {
    it(`${name}: matches the cpu backend`, async () => {
      const a = { values: seededValues(sizeOf(aShape), 21), shape: aShape };
      const b = { values: seededValues(sizeOf(bShape), 22), shape: bShape };
      const attrs = { transposeA, transposeB };
      const want = await runKernel('cpu', BatchMatMul, { a, b }, attrs);
      const got = await runKernel('wasm', BatchMatMul, { a, b }, attrs);
      expect(got.shape).toEqual(want.shape);
      expect(maxRelDiff(got.values, want.values)).toBeLessThan(1e-5);
    });
  }
});
