import * as tf from '@tensorflow/tfjs';
import { formatSpec, parseSpec, readModelMetadata } from '@nnlab/models';
import type { DataSource, SourceData } from './data-source';
import { planExperiment } from './experiment-plan';
import type { RunRecord } from './run-record';
import { runExperiment } from './run-experiment';
import { identifySavedModel } from './saved-model';

function split(count: number, seed: number) {
  const images = new Uint8Array(count * 784);
  let s = seed;
  for (let i = 0; i < images.length; i++) images[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count, rows: 28, cols: 28 };
}

/** A synthetic MNIST-like source (no files). */
const toySource: DataSource = {
  async mnist(limit) {
    const data: SourceData = {
      name: 'toy-mnist',
      description: 'toy',
      files: [{ name: 'toy', sha256: '0', origin: 'test' }],
      train: split(typeof limit === 'object' ? (limit.train ?? 64) : 64, 1),
      test: split(typeof limit === 'object' ? (limit.test ?? 16) : 16, 2),
    };
    return data;
  },
  xrays: () => Promise.reject(new Error('no X-rays here')),
};

const TEXT = 'conv(2,3x3,relu) pool(2) flatten dense(10,softmax)';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('runExperiment', () => {
  it('trains a spec, evaluates test and validation, keeps the record up to date in the store', async () => {
    const saves: RunRecord[] = [];
    const plan = planExperiment({ spec: parseSpec(TEXT), dataset: 'mnist', epochs: 2, batchSize: 16, limit: 64, seed: 1 });
    const r = await runExperiment(plan, { source: toySource, backend: 'cpu', store: { save: (rec) => (saves.push(structuredClone(rec)), 'mem://run') } });
    try {
      expect(saves.map((s) => s.status)).toEqual(['running', 'running', 'running', 'complete']);
      expect(r.location).toBe('mem://run');
      const rec = r.record;
      expect(rec.config).toMatchObject({
        model: 'custom',
        dataset: 'mnist',
        classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
        epochs: 2,
        batchSize: 16,
        validationSplit: 0.1,
      });
      expect(rec.config.arch).toBe(formatSpec({ ...plan.spec, training: undefined }));
      expect(rec.config.spec!.input).toEqual([28, 28, 1]);
      expect(rec.config.data).toMatchObject({ name: 'toy-mnist', trainCount: 57, validationCount: 7, testCount: 11 });
      expect(rec.history.loss).toHaveLength(2);
      expect(rec.test!.confusionMatrix).toHaveLength(10);
      expect(rec.validation!.accuracy).toBeGreaterThanOrEqual(0);
      expect(rec.summary.totalParams).toBe(plan.analysis.totalParams);
      // The model says what it is: its spec and class names.
      expect(readModelMetadata(r.model)).toEqual({ spec: plan.spec, classNames: rec.config.classNames });
      // …and which data and input pipeline it reads, so nothing is guessed from its shapes
      expect(identifySavedModel(r.model)).toMatchObject({ name: 'custom', from: 'model metadata', pipeline: plan.pipeline, classNames: rec.config.classNames });
      expect(identifySavedModel(r.model, { record: rec }).from).toBe('run record');
    } finally {
      r.model.dispose();
    }
  });

  it('the same spec as text or as JSON gives the same weights at the same seed', async () => {
    const weightsOf = async (spec: ReturnType<typeof parseSpec>) => {
      const plan = planExperiment({ spec, dataset: 'mnist', epochs: 1, batchSize: 32, limit: 64, seed: 5 });
      const r = await runExperiment(plan, { source: toySource, backend: 'cpu' });
      const w = r.model.getWeights().map((t) => Array.from(t.dataSync()));
      r.model.dispose();
      return w;
    };
    const fromText = await weightsOf(parseSpec(TEXT));
    const fromJson = await weightsOf(JSON.parse(JSON.stringify(parseSpec(TEXT))));
    expect(fromJson).toEqual(fromText);
  });

  it('records a failure and disposes the model', async () => {
    const saves: RunRecord[] = [];
    const bad: DataSource = {
      ...toySource,
      mnist: async () => ({ ...(await toySource.mnist({ train: 64, test: 16 })), test: { ...split(16, 3), rows: 14, cols: 56 } }),
    };
    const plan = planExperiment({ zoo: 'mlp-raw', epochs: 1, limit: 64 });
    await expect(runExperiment(plan, { source: bad, backend: 'cpu', store: { save: (rec) => (saves.push(structuredClone(rec)), undefined) } })).rejects.toThrow(
      /14×56 images do not match/,
    );
    expect(saves).toEqual([]);
  });
});
