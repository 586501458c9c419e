import * as tf from '@tensorflow/tfjs';
import { binaryCrossentropy, categoricalCrossentropy, getLoss, normaliseLossName } from './losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Reference values: keras.losses.categorical_crossentropy / binary_crossentropy (TF 2.x) on the
// same inputs, reduction none. They follow from the definitions with ε = 1e-7 clipping.
describe('losses', () => {
  it('categorical cross-entropy per sample', () => {
    const y = tf.tensor2d([
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const p = tf.tensor2d([
      [0.05, 0.95, 0],
      [0.1, 0.8, 0.1],
    ]);
    const v = categoricalCrossentropy(y, p).arraySync();
    expect(v[0]).toBeCloseTo(0.051293, 5);
    expect(v[1]).toBeCloseTo(2.302585, 5);
  });

  it('clips p = 0 to ε like Keras', () => {
    const v = categoricalCrossentropy(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 1]])).arraySync();
    expect(v[0]).toBeCloseTo(-Math.log(1e-7), 2);
  });

  it('binary cross-entropy per sample', () => {
    const v = binaryCrossentropy(tf.tensor2d([[0], [1], [1]]), tf.tensor2d([[0.6], [0.4], [0.9]])).arraySync();
    expect(v[0]).toBeCloseTo(0.916291, 5);
    expect(v[1]).toBeCloseTo(0.916291, 5);
    expect(v[2]).toBeCloseTo(0.105361, 5);
  });

  it('resolves Keras spellings and rejects unknown names', () => {
    expect(normaliseLossName('categorical_crossentropy')).toBe('categoricalCrossentropy');
    expect(getLoss('binary_crossentropy')).toBe(binaryCrossentropy);
    expect(() => getLoss('hinge')).toThrow(/unknown loss 'hinge'/);
  });
});
