import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import { backend_util, Conv2DBackpropFilter } from '@tensorflow/tfjs-core';
import { setSimdKernelsDisabled } from './loops';
import { maxRelAbsError, runKernel, seededValues, setUpBackends, SHARED_CONV_CASES, sizeOf, type ConvCase } from './testing/test-support';

const cases: ConvCase[] = [
  // The zoo's first layers (one input channel) besides the shared shapes.
  { name: 'MNIST CNN conv1', x: [3, 28, 28, 1], filter: [2, 2, 1, 10], strides: 1, pad: 'same' },
  { name: 'pneumonia conv1', x: [1, 128, 128, 1], filter: [3, 3, 1, 8], strides: 1, pad: 'same' },
  ...SHARED_CONV_CASES,
  { name: 'strides [2, 1] same, 1 channel', x: [2, 10, 7, 1], filter: [3, 3, 1, 4], strides: [2, 1], pad: 'same' },
  {
    name: 'explicit padding, stride 2',
    x: [2, 8, 7, 3],
    filter: [3, 3, 3, 4],
    strides: 2,
    pad: [
      [0, 0],
      [2, 1],
      [1, 0],
      [0, 0],
    ],
  },
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
    await expect(
      runKernel('wasm', Conv2DBackpropFilter, { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] }),
    ).rejects.toThrow(/NCHW/);
  });
});
