import * as tf from '@tensorflow/tfjs';
import { integratedGradients } from './integrated-gradients';
import { saliency, smoothGrad } from './saliency';
import { linearModel, seededInput } from './testing/models';

// A linear model's logit for class c is x·W[:, c] + b[c]: its gradient is exactly W[:, c].
const W = [
  [0.5, -1.25, 2],
  [-0.75, 0.25, 0],
  [1.5, 3, -2.5],
  [0, -0.5, 1],
];
const B = [0.1, -0.2, 0.3];
const column = (c: number) => W.map((row) => row[c]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('saliency of a linear model', () => {
  const model = linearModel(W, B);
  const x = [0.2, 0.9, 0.4, 0.7];

  it('is its weight column for each class, signs included', async () => {
    for (let c = 0; c < 3; c++) {
      const r = await saliency(model, x, { classIndex: c });
      expect(r.classIndex).toBe(c);
      expect(r.requested).toBe(true);
      expect(r.scoreKind).toBe('logit');
      Array.from(r.values).forEach((v, i) => expect(v).toBeCloseTo(column(c)[i], 6));
    }
  });

  it('explains the predicted class by default and reports it', async () => {
    const logits = [0, 1, 2].map((c) => x.reduce((s, v, i) => s + v * W[i][c], B[c]));
    const predicted = logits.indexOf(Math.max(...logits));
    const r = await saliency(model, x);
    expect(r.predicted).toBe(predicted);
    expect(r.classIndex).toBe(predicted);
    expect(r.requested).toBe(false);
    expect(r.score).toBeCloseTo(logits[predicted], 5);
    expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('SmoothGrad of a linear model is the weights too (the gradient is constant)', async () => {
    const r = await smoothGrad(model, x, { classIndex: 2, samples: 8 });
    Array.from(r.values).forEach((v, i) => expect(v).toBeCloseTo(column(2)[i], 5));
  });

  it('integrated gradients are x · w and add up to logit(x) − logit(0)', async () => {
    const r = await integratedGradients(model, x, { classIndex: 1, steps: 4 });
    Array.from(r.values).forEach((v, i) => expect(v).toBeCloseTo(x[i] * column(1)[i], 5));
    expect(r.attributionSum).toBeCloseTo(r.score - r.baselineScore, 5);
    expect(r.baselineScore).toBeCloseTo(B[1], 6);
  });
});

describe('saliency of a non-linear model', () => {
  it('integrated gradients approximately satisfy completeness on an MLP', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, activation: 'tanh', inputShape: [6], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
    model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
    const r = await integratedGradients(model, seededInput(6), { steps: 64 });
    expect(Math.abs(r.attributionSum - (r.score - r.baselineScore))).toBeLessThan(1e-3);
  });

  it('SmoothGrad is repeatable for a seed and differs from the plain gradient', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [6], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
    model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
    const x = seededInput(6);
    const a = await smoothGrad(model, x, { seed: 5, samples: 16, noise: 0.5 });
    const b = await smoothGrad(model, x, { seed: 5, samples: 16, noise: 0.5 });
    const plain = await saliency(model, x);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(a.values)).not.toEqual(Array.from(plain.values));
  });
});
