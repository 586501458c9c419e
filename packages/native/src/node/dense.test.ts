import * as tf from '@tensorflow/tfjs';
import { nativeParity } from '../testing/parity';

// Forward ≤ 1e-4 and gradients ≤ 1e-3 (relative to the largest reference value) against tfjs'
// cpu backend, on odd shapes: batch 1, partial batches (batch < the native model's maxBatch),
// 1-unit sigmoid outputs with class weights, rank-4 inputs through Flatten, an Activation layer.
beforeAll(async () => {
  await tf.setBackend('cpu');
});

function dense(units: number, activation: string, inputShape?: number[]): tf.layers.Layer {
  return tf.layers.dense({ units, activation: activation as 'relu', ...(inputShape ? { inputShape } : {}) });
}

const cases: { name: string; build: () => tf.Sequential; batch: number; maxBatch?: number; classWeight?: number[] }[] = [
  { name: 'relu → softmax, batch 1', build: () => tf.sequential({ layers: [dense(7, 'relu', [5]), dense(3, 'softmax')] }), batch: 1 },
  {
    name: 'tanh → sigmoid (binary), class weights, partial batch',
    build: () => tf.sequential({ layers: [dense(6, 'tanh', [9]), dense(1, 'sigmoid')] }),
    batch: 5,
    maxBatch: 8,
    classWeight: [0.3, 2],
  },
  {
    name: 'sigmoid → linear → softmax, batch 13',
    build: () => tf.sequential({ layers: [dense(17, 'sigmoid', [11]), dense(4, 'linear'), dense(10, 'softmax')] }),
    batch: 13,
  },
  {
    name: 'Flatten of NHWC, Activation layer, no bias',
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.flatten({ inputShape: [3, 4, 2] }),
          tf.layers.dense({ units: 5, useBias: false }),
          tf.layers.activation({ activation: 'relu' }),
          dense(3, 'softmax'),
        ],
      }),
    batch: 4,
  },
];

describe.each(cases)('native Dense parity: $name', ({ build, batch, maxBatch, classWeight }) => {
  it('matches tfjs cpu forward and gradients', async () => {
    const model = build();
    const r = await nativeParity(model, { batch, maxBatch, classWeight });
    expect(r.forward).toBeLessThanOrEqual(1e-4);
    expect(r.gradients.length).toBe(model.trainableWeights.length);
    for (const g of r.gradients) expect({ name: g.name, ok: g.error <= 1e-3, error: g.error }).toMatchObject({ name: g.name, ok: true });
    model.dispose();
  });
});
