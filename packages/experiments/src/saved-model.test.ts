import * as tf from '@tensorflow/tfjs';
import { buildZooModel } from '@nnlab/models';
import { identifySavedModel, zooIdFromShapes } from './saved-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('identifySavedModel', () => {
  it('older models without metadata: the zoo model their shapes match, said as such', () => {
    for (const [id, args] of [
      ['mlp-raw', {}],
      ['mlp-hog', {}],
      ['cnn-mnist', {}],
      ['cnn-pneumonia', { imageSize: 32 }],
    ] as const) {
      const m = buildZooModel(id, args);
      expect(zooIdFromShapes(m)).toBe(id);
      const who = identifySavedModel(m);
      expect(who).toMatchObject({ name: id, from: 'input shape (older model without metadata)' });
      if (id === 'cnn-pneumonia') expect(who).toMatchObject({ classNames: ['NORMAL', 'PNEUMONIA'], pipeline: { height: 32, scale: 1 } });
      m.dispose();
    }
  });

  it('a zoo id given wins; an unknown shape without metadata asks for it', () => {
    const m = buildZooModel('mlp-raw', { hidden: [5] });
    expect(identifySavedModel(m, { zooId: 'mlp-raw' }).from).toBe('zoo id given');
    m.dispose();
    const odd = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [7] })] });
    expect(() => identifySavedModel(odd)).toThrow(/no nnlab metadata and its input \[7\] matches no zoo model/);
    odd.dispose();
  });
});
