import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import { backend_util, Conv2DBackpropFilter } from '@tensorflow/tfjs-core';
import { setSimdKernelsDisabled } from './simd-kernels';
import { maxRelAbsError, runKernel, seededValues, setUpBackends, sizeOf } from './test-support';

type Pad = 'same' | 'valid' | backend_util.ExplicitPadding;
interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
}

const cases: Case[] = [
  // The zoo's shapes at a small batch.
  { name: 'MNIST CNN conv1', x: [3, 28, 28, 1], filter: [2, 2, 1, 10], strides: 1, pad: 'same' },
  { name: 'MNIST CNN conv2', x: [3, 14, 14, 10], filter: [2, 2, 10, 10], strides: 1, pad: 'same' },
  { name: 'MNIST CNN conv3', x: [3, 7, 7, 10], filter: [2, 2, 10, 10], strides: 1, pad: 'same' },
  { name: 'pneumonia conv1', x: [1, 128, 128, 1], filter: [3, 3, 1, 8], strides: 1, pad: 'same' },
  { name: 'pneumonia conv2', x: [1, 64, 64, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'same' },
  { name: 'pneumonia conv5', x: [1, 8, 8, 64], filter: [3, 3, 64, 128], strides: 1, pad: 'same' },
  // Odd sizes, strides, paddings, 1 and 3 input channels, CO not a multiple of 4.
  { name: 'odd, 3 channels, valid', x: [3, 9, 7, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'valid' },
  { name: 'odd, 1 channel, same', x: [2, 11, 6, 1], filter: [3, 2, 1, 3], strides: 1, pad: 'same' },
  { name: 'stride 2 same', x: [2, 9, 8, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { name: 'stride 2 valid', x: [3, 9, 8, 3], filter: [2, 3, 3, 6], strides: 2, pad: 'valid' },
  { name: 'strides [2, 1] same, 1 channel', x: [2, 10, 7, 1], filter: [3, 3, 1, 4], strides: [2, 1], pad: 'same' },
  { name: 'explicit padding', x: [2, 6, 7, 2], filter: [3, 2, 2, 3], strides: 1, pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
  { name: 'explicit padding, stride 2', x: [2, 8, 7, 3], filter: [3, 3, 3, 4], strides: 2, pad: [[0, 0], [2, 1], [1, 0], [0, 0]] },
  { name: '1x1 filter', x: [2, 5, 5, 6], filter: [1, 1, 6, 7], strides: 1, pad: 'valid' },
];

const TOLERANCE = 1e-4;

beforeAll(async () => {
  await setUpBackends();
});

afterEach(() => setSimdKernelsDisabled(false));

describe('Conv2DBackpropFilter on wasm matches the cpu backend', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const info = backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
      const x = { values: seededValues(sizeOf(c.x), 1), shape: c.x };
      const dy = { values: seededValues(sizeOf(info.outShape), 2), shape: info.outShape };
      const attrs: NamedAttrMap = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
      const want = await runKernel('cpu', Conv2DBackpropFilter, { x, dy }, attrs);
      // The SIMD path, then the XNNPACK fallback used where the SIMD module cannot be built.
      for (const simd of [true, false]) {
        setSimdKernelsDisabled(!simd);
        const got = await runKernel('wasm', Conv2DBackpropFilter, { x, dy }, attrs);
        expect(got.shape).toEqual(c.filter);
        expect(maxRelAbsError(got.values, want.values)).toBeLessThan(TOLERANCE);
      }
    });
  }

  it('rejects NCHW (the wasm forward Conv2D is NHWC-only)', async () => {
    const x = { values: seededValues(2 * 3 * 5 * 5, 1), shape: [2, 3, 5, 5] };
    const dy = { values: seededValues(2 * 4 * 5 * 5, 2), shape: [2, 4, 5, 5] };
    await expect(runKernel('wasm', Conv2DBackpropFilter, { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] })).rejects.toThrow(/NCHW/);
  });
});
