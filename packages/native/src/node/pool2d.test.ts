import * as tf from '@tensorflow/tfjs';
import { planNativeModel } from '../plan';
import { describeNative, layerParity, runLayer } from '../testing/layer-run';

// MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D against tfjs' cpu backend: forward
// ≤ 1e-4, dx ≤ 1e-3, on odd sizes, 'same' padding (extra row/column at the bottom/right),
// overlapping windows and 128 channels. Inputs are distinct values (no max ties).
beforeAll(async () => {
  await tf.setBackend('cpu');
});

type PoolArgs = Parameters<typeof tf.layers.maxPooling2d>[0];
const max = (args: PoolArgs) => () => tf.layers.maxPooling2d(args);
const avg = (args: PoolArgs) => () => tf.layers.averagePooling2d(args);

const cases: { name: string; make: () => tf.layers.Layer; input: number[]; batch: number; training?: boolean }[] = [
  { name: "max 2×2 'valid' on odd 5×5", make: max({ poolSize: 2 }), input: [5, 5, 3], batch: 2 },
  { name: "max 2×2 'same' on 5×7 (extra pad bottom/right)", make: max({ poolSize: 2, padding: 'same' }), input: [5, 7, 2], batch: 3 },
  { name: "max 3×3 stride 2 'same' on 7×7 (overlapping)", make: max({ poolSize: 3, strides: 2, padding: 'same' }), input: [7, 7, 4], batch: 1 },
  { name: 'max 2×2 on 6×6×128', make: max({ poolSize: 2 }), input: [6, 6, 128], batch: 2 },
  { name: 'max at inference (no workspace)', make: max({ poolSize: 2 }), input: [5, 5, 3], batch: 2, training: false },
  { name: "avg 2×2 'valid' on odd 5×5", make: avg({ poolSize: 2 }), input: [5, 5, 3], batch: 2 },
  { name: "avg 2×2 'same' on 5×5 (padding excluded)", make: avg({ poolSize: 2, padding: 'same' }), input: [5, 5, 2], batch: 2 },
  {
    name: "avg 3×3 stride 1 'same' on 6×6 (overlapping, padding excluded)",
    make: avg({ poolSize: 3, strides: 1, padding: 'same' }),
    input: [6, 6, 3],
    batch: 2,
  },
  { name: 'avg 3×2 stride [2, 1] on 7×5', make: avg({ poolSize: [3, 2], strides: [2, 1] }), input: [7, 5, 2], batch: 2 },
  { name: 'global average on 5×7×3', make: () => tf.layers.globalAveragePooling2d({}), input: [5, 7, 3], batch: 3 },
  { name: 'global average on 1×1×128, batch 1', make: () => tf.layers.globalAveragePooling2d({}), input: [1, 1, 128], batch: 1 },
];

describeNative('native pooling parity with tfjs cpu', () => {
  it.each(cases)('$name', ({ make, input, batch, training }) => {
    const r = layerParity(make, input, { batch, training });
    expect(r.forward).toBeLessThanOrEqual(1e-4);
    if (training !== false) expect(r.dx).toBeLessThanOrEqual(1e-3);
    expect(r.grads).toEqual([]);
  });

  it('max pooling backward needs a training forward', () => {
    const layer = { kind: 'maxPooling2d' as const, kernelH: 2, kernelW: 2, strideH: 2, strideW: 2 };
    expect(() => runLayer({ layer, input: [4, 4, 1], n: 1, x: new Float32Array(16), training: false, dy: new Float32Array(4) })).toThrow(
      /MaxPooling2D: backward without a training forward/,
    );
  });

  it('rejects a flat input in one line', () => {
    expect(() => runLayer({ layer: { kind: 'globalAveragePooling2d' }, input: [8], n: 1, x: new Float32Array(8) })).toThrow(
      /^GlobalAveragePooling2D needs an input of rank 4/,
    );
  });

  it('leaves channelsFirst pools to tfjs, with the reason', () => {
    const kinds = ['maxPooling2d', 'averagePooling2d', 'globalAveragePooling2d'];
    for (const make of [tf.layers.maxPooling2d, tf.layers.averagePooling2d, tf.layers.globalAveragePooling2d]) {
      const model = tf.sequential({ layers: [make({ inputShape: [3, 4, 4], name: 'cf_pool', dataFormat: 'channelsFirst', poolSize: 2 } as never)] });
      expect(planNativeModel(model, kinds)).toBe("layer 'cf_pool' is channelsFirst");
      model.dispose();
    }
  });
});
