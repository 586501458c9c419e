import * as tf from '@tensorflow/tfjs';
import { nativeParity } from '../testing/parity';
import { describeNative, layerParity, runLayer } from '../testing/layer-run';

// Conv2D against tfjs' cpu backend: forward ≤ 1e-4, dx and kernel/bias gradients ≤ 1e-3
// (max |native − tfjs| / max |tfjs|), on the odd shapes the native engine must get right.
beforeAll(async () => {
  await tf.setBackend('cpu');
});

type ConvArgs = Parameters<typeof tf.layers.conv2d>[0];
const conv = (args: Partial<ConvArgs>) => () => tf.layers.conv2d({ filters: 4, kernelSize: 3, ...args } as ConvArgs);

const cases: { name: string; make: () => tf.layers.Layer; input: number[]; batch: number; wantDx?: boolean }[] = [
  { name: "batch 1, 3×3 on 5×5, 'same', relu", make: conv({ padding: 'same', activation: 'relu' }), input: [5, 5, 3], batch: 1 },
  { name: "3×3 on 5×5, 'valid', linear", make: conv({ padding: 'valid' }), input: [5, 5, 2], batch: 3 },
  { name: "stride 2, 'same', odd 7×7, sigmoid", make: conv({ strides: 2, padding: 'same', activation: 'sigmoid' }), input: [7, 7, 3], batch: 2 },
  {
    name: "stride 2, 'valid', 4×4 kernel on 9×9, tanh",
    make: conv({ kernelSize: 4, strides: 2, padding: 'valid', activation: 'tanh' }),
    input: [9, 9, 2],
    batch: 2,
  },
  {
    name: '1 channel in, 1 filter, first layer (no dx)',
    make: conv({ filters: 1, padding: 'same', activation: 'relu' }),
    input: [6, 5, 1],
    batch: 3,
    wantDx: false,
  },
  { name: '128 channels in', make: conv({ filters: 16, padding: 'same', activation: 'relu' }), input: [6, 6, 128], batch: 2 },
  { name: '128 filters out', make: conv({ filters: 128, padding: 'same', activation: 'relu' }), input: [6, 6, 8], batch: 2 },
  {
    name: "2×2 'same' (the course CNN's first layer: extra pad bottom/right)",
    make: conv({ filters: 10, kernelSize: 2, padding: 'same', activation: 'relu' }),
    input: [28, 28, 1],
    batch: 3,
    wantDx: false,
  },
  {
    name: "2×2 'same' on 7×7×10 (the course CNN's third layer)",
    make: conv({ filters: 10, kernelSize: 2, padding: 'same', activation: 'relu' }),
    input: [7, 7, 10],
    batch: 5,
  },
  {
    name: "2×3 kernel, strides [2, 1], 'same', no bias",
    make: conv({ kernelSize: [2, 3], strides: [2, 1], padding: 'same', useBias: false }),
    input: [5, 6, 3],
    batch: 2,
  },
  {
    name: "1×1 kernel, stride 2, 'same' on even 6×6",
    make: conv({ kernelSize: 1, strides: 2, padding: 'same', activation: 'relu' }),
    input: [6, 6, 5],
    batch: 3,
  },
  { name: 'softmax activation over the filters', make: conv({ filters: 5, padding: 'valid', activation: 'softmax' }), input: [4, 4, 2], batch: 2 },
];

describeNative('native Conv2D parity with tfjs cpu', () => {
  it.each(cases)('$name', ({ make, input, batch, wantDx }) => {
    const r = layerParity(make, input, { batch, wantDx });
    expect(r.desc.kind).toBe('conv2d');
    expect(r.forward).toBeLessThanOrEqual(1e-4);
    if (wantDx !== false) expect(r.dx).toBeLessThanOrEqual(1e-3);
    else expect(r.dx).toBeUndefined();
    for (const g of r.grads) expect({ name: g.name, error: g.error, ok: g.error <= 1e-3 }).toMatchObject({ name: g.name, ok: true });
    expect(r.grads.length).toBe(r.desc.useBias === false ? 1 : 2);
  });

  it('a CNN (conv → pool → conv → pool → dense) trains a step like tfjs, full and partial batches', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [9, 9, 1], filters: 6, kernelSize: 2, padding: 'same', activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 5, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.averagePooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    for (const maxBatch of [5, 8]) {
      const r = await nativeParity(model, { batch: 5, maxBatch });
      expect(r.forward).toBeLessThanOrEqual(1e-4);
      for (const g of r.gradients) expect({ name: g.name, error: g.error, ok: g.error <= 1e-3 }).toMatchObject({ name: g.name, ok: true });
    }
    model.dispose();
  });

  it('rejects a flat input in one line', () => {
    expect(() => runLayer({ layer: { kind: 'conv2d', filters: 2, kernelH: 3, kernelW: 3 }, input: [10], n: 1, x: new Float32Array(10) })).toThrow(
      /^Conv2D needs an input of rank 4/,
    );
  });

  it("rejects a 'valid' kernel larger than the input", () => {
    expect(() => runLayer({ layer: { kind: 'conv2d', filters: 2, kernelH: 5, kernelW: 5 }, input: [4, 4, 1], n: 1, x: new Float32Array(16) })).toThrow(
      /window 5 larger than input 4/,
    );
  });
});
