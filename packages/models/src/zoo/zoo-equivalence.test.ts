import * as tf from '@tensorflow/tfjs';
import { buildZooModel, type ModelId } from '../model-zoo';
import { buildCnn } from './cnn';
import { buildMlp } from './mlp';

const OLD: Record<ModelId, (seed: number) => tf.Sequential> = {
  'mlp-raw': (seed) => buildMlp({ inputSize: 784, numClasses: 10, seed }),
  'mlp-hog': (seed) => buildMlp({ inputSize: 392, numClasses: 10, seed }),
  'cnn-mnist': (seed) => buildCnn({ inputShape: [28, 28, 1], filters: [10, 10, 10], kernelSize: 2, dense: [10], outputs: 10, seed }),
  'cnn-pneumonia': (seed) => buildCnn({ inputShape: [128, 128, 1], filters: [8, 16, 32, 64, 128], kernelSize: 3, dense: [32, 16], outputs: 1, seed }),
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('zoo specs build what the old builders built', () => {
  it.each(Object.keys(OLD) as ModelId[])('%s: same layers, bit-identical weights at the same seed', (id) => {
    for (const seed of [0, 7]) {
      const old = OLD[id](seed);
      const now = buildZooModel(id, { seed });
      expect(now.layers.map((l) => [l.name, l.getClassName(), JSON.stringify(l.outputShape)])).toEqual(old.layers.map((l) => [l.name, l.getClassName(), JSON.stringify(l.outputShape)]));
      const a = old.getWeights();
      const b = now.getWeights();
      expect(b.length).toBe(a.length);
      a.forEach((w, i) => {
        expect(b[i].shape).toEqual(w.shape);
        expect(Buffer.from(b[i].dataSync().buffer).equals(Buffer.from(w.dataSync().buffer))).toBe(true);
      });
      tf.dispose([...a, ...b]);
    }
  });

  it('knobs: hidden, activation, inputSize, imageSize', () => {
    const same = (x: tf.Sequential, y: tf.Sequential) => {
      expect(JSON.stringify(x.toJSON(undefined, false))).toBe(JSON.stringify(y.toJSON(undefined, false)));
      x.getWeights().forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(y.getWeights()[i].dataSync())));
    };
    same(buildZooModel('mlp-raw', { seed: 3, hidden: [32, 16], activation: 'tanh' }), buildMlp({ inputSize: 784, hidden: [32, 16], activation: 'tanh', seed: 3 }));
    same(buildZooModel('mlp-hog', { seed: 3, inputSize: 100, hidden: [] }), buildMlp({ inputSize: 100, hidden: [], seed: 3 }));
    same(
      buildZooModel('cnn-pneumonia', { seed: 3, imageSize: 64, hidden: [8] }),
      buildCnn({ inputShape: [64, 64, 1], filters: [8, 16, 32, 64, 128], kernelSize: 3, dense: [8], outputs: 1, seed: 3 }),
    );
  });
});
