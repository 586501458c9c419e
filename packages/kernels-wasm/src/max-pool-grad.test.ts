import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import { backend_util, MaxPoolGrad } from '@tensorflow/tfjs-core';
import { setSimdKernelsDisabled } from './loops';
import { runKernel, seededValues, setUpBackends, shippedWasmKernels, sizeOf } from './testing/test-support';

interface Case {
  name: string;
  x: [number, number, number, number];
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid';
}

const cases: Case[] = [
  { name: 'MNIST CNN pool1', x: [3, 28, 28, 10], filterSize: 2, strides: 2, pad: 'valid' },
  { name: 'MNIST CNN pool3 (odd input, last row/column dropped)', x: [3, 7, 7, 10], filterSize: 2, strides: 2, pad: 'valid' },
  { name: 'pneumonia pool1', x: [2, 128, 128, 8], filterSize: 2, strides: 2, pad: 'valid' },
  { name: 'pneumonia pool5', x: [2, 8, 8, 128], filterSize: 2, strides: 2, pad: 'valid' },
  { name: '2x2 same, odd sizes (border windows clipped)', x: [2, 7, 9, 6], filterSize: 2, strides: 2, pad: 'same' },
  { name: '2x2 stride 3 (gaps between windows)', x: [2, 8, 8, 5], filterSize: 2, strides: 3, pad: 'valid' },
  { name: '1 channel', x: [2, 9, 8, 1], filterSize: 2, strides: 2, pad: 'valid' },
  { name: '3 channels', x: [2, 6, 6, 3], filterSize: 2, strides: 2, pad: 'valid' },
  { name: '3x3 stride 2 same (overlapping windows)', x: [2, 9, 7, 4], filterSize: 3, strides: 2, pad: 'same' },
  { name: '3x3 stride 1 same', x: [2, 6, 6, 3], filterSize: 3, strides: 1, pad: 'same' },
  { name: '[2, 3] windows, strides [2, 1]', x: [2, 8, 7, 4], filterSize: [2, 3], strides: [2, 1], pad: 'valid' },
];

/** Random values with many ties (quantised), some NaN and some −∞ windows. */
function poolInput(shape: number[], seed: number, specials: boolean): Float32Array {
  const v = seededValues(sizeOf(shape), seed).map((a) => Math.round(a * 3) / 3);
  if (specials) {
    const c = shape[3];
    v[0] = NaN;
    v[5 * c + 1] = NaN;
    // One whole 2×2 window of −∞ (channel 0 of the window at the origin of image 1).
    const image = shape[1] * shape[2] * c;
    const row = shape[2] * c;
    for (const at of [image, image + c, image + row, image + row + c]) v[at] = -Infinity;
  }
  return v;
}

beforeAll(async () => {
  await setUpBackends();
});

afterEach(() => setSimdKernelsDisabled(false));

describe('MaxPoolGrad on wasm equals the cpu backend (same argmax, same tie-breaking)', () => {
  for (const c of cases) {
    for (const specials of [false, true]) {
      it(`${c.name}${specials ? ', with NaN and all -Infinity windows' : ''}`, async () => {
        const info = backend_util.computePool2DInfo(c.x, c.filterSize, c.strides, 1, c.pad);
        const input = { values: poolInput(c.x, 7, specials), shape: c.x };
        const dy = { values: seededValues(sizeOf(info.outShape), 8), shape: info.outShape };
        const output = { values: new Float32Array(sizeOf(info.outShape)), shape: info.outShape };
        const attrs: NamedAttrMap = { filterSize: c.filterSize, strides: c.strides, pad: c.pad };
        const want = await runKernel('cpu', MaxPoolGrad, { dy, input, output }, attrs);
        for (const simd of [true, false]) {
          setSimdKernelsDisabled(!simd);
          const got = await runKernel('wasm', MaxPoolGrad, { dy, input, output }, attrs);
          expect(got.shape).toEqual(c.x);
          // Each dx is one dy or a sum of a few (overlapping windows): equal up to float rounding.
          for (let i = 0; i < want.values.length; i++) {
            if (got.values[i] !== want.values[i]) expect(Math.abs(got.values[i] - want.values[i])).toBeLessThan(1e-6);
          }
        }
      });
    }
  }

  it('routes a non-finite dy like the cpu backend', async () => {
    const shape: [number, number, number, number] = [1, 4, 4, 4];
    const input = { values: seededValues(64, 9), shape };
    const dyValues = seededValues(16, 10);
    dyValues[1] = Infinity;
    dyValues[6] = NaN;
    const dy = { values: dyValues, shape: [1, 2, 2, 4] };
    const output = { values: new Float32Array(16), shape: [1, 2, 2, 4] };
    const attrs: NamedAttrMap = { filterSize: 2, strides: 2, pad: 'valid' };
    const want = await runKernel('cpu', MaxPoolGrad, { dy, input, output }, attrs);
    const got = await runKernel('wasm', MaxPoolGrad, { dy, input, output }, attrs);
    expect(Array.from(got.values)).toEqual(Array.from(want.values));
  });

  it('the shipped kernel breaks ties differently (why it is replaced)', async () => {
    const shape: [number, number, number, number] = [1, 2, 2, 1];
    const input = { values: new Float32Array([1, 1, 1, 1]), shape };
    const dy = { values: new Float32Array([5]), shape: [1, 1, 1, 1] };
    const output = { values: new Float32Array([1]), shape: [1, 1, 1, 1] };
    const attrs: NamedAttrMap = { filterSize: 2, strides: 2, pad: 'valid' };
    const want = await runKernel('cpu', MaxPoolGrad, { dy, input, output }, attrs);
    const got = await runKernel('wasm', MaxPoolGrad, { dy, input, output }, attrs);
    const shipped = await runKernel('wasm', MaxPoolGrad, { dy, input, output }, attrs, shippedWasmKernels.get(MaxPoolGrad));
    expect(Array.from(want.values)).toEqual([5, 0, 0, 0]);
    expect(Array.from(got.values)).toEqual([5, 0, 0, 0]);
    expect(Array.from(shipped.values)).not.toEqual([5, 0, 0, 0]);
  });
});
