import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import { backend_util, Conv2DBackpropInput } from '@tensorflow/tfjs-core';
import { maxRelAbsError, runKernel, seededValues, setUpBackends, SHARED_CONV_CASES, shippedWasmKernels, sizeOf, type ConvCase } from './testing/test-support';

const cases: ConvCase[] = [
  ...SHARED_CONV_CASES,
  { name: 'strides [1, 2] same, 1 channel', x: [2, 10, 7, 1], filter: [3, 3, 1, 4], strides: [1, 2], pad: 'same' },
  {
    name: 'explicit padding wider than the filter',
    x: [2, 5, 5, 2],
    filter: [2, 2, 2, 3],
    strides: 1,
    pad: [
      [0, 0],
      [3, 0],
      [0, 2],
      [0, 0],
    ],
  },
];

const TOLERANCE = 1e-4;

beforeAll(async () => {
  await setUpBackends();
});

describe('Conv2DBackpropInput on wasm', () => {
  for (const c of cases) {
    it(`${c.name}: matches the cpu backend and the shipped wasm kernel`, async () => {
      const info = backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
      const dy = { values: seededValues(sizeOf(info.outShape), 3), shape: info.outShape };
      const filter = { values: seededValues(sizeOf(c.filter), 4), shape: c.filter };
      const attrs: NamedAttrMap = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
      const want = await runKernel('cpu', Conv2DBackpropInput, { dy, filter }, attrs);
      const got = await runKernel('wasm', Conv2DBackpropInput, { dy, filter }, attrs);
      const shipped = await runKernel('wasm', Conv2DBackpropInput, { dy, filter }, attrs, shippedWasmKernels.get(Conv2DBackpropInput));
      expect(got.shape).toEqual(c.x);
      expect(maxRelAbsError(got.values, want.values)).toBeLessThan(TOLERANCE);
      expect(maxRelAbsError(got.values, shipped.values)).toBeLessThan(TOLERANCE);
    });
  }

  it('hands NCHW to the shipped kernel', async () => {
    const x: [number, number, number, number] = [2, 3, 6, 5];
    const dy = { values: seededValues(2 * 4 * 6 * 5, 5), shape: [2, 4, 6, 5] };
    const filter = { values: seededValues(3 * 3 * 3 * 4, 6), shape: [3, 3, 3, 4] };
    const attrs: NamedAttrMap = { strides: 1, pad: 'same', dataFormat: 'NCHW', inputShape: x };
    const want = await runKernel('cpu', Conv2DBackpropInput, { dy, filter }, attrs);
    const got = await runKernel('wasm', Conv2DBackpropInput, { dy, filter }, attrs);
    expect(got.shape).toEqual(x);
    expect(maxRelAbsError(got.values, want.values)).toBeLessThan(TOLERANCE);
  });
});
