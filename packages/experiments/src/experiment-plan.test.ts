import { SpecError, parseSpec } from '@nnlab/models';
import { ExperimentOptionError } from './errors';
import { planExperiment } from './experiment-plan';

const CNN = 'conv(8,3x3,relu) pool(2) conv(16,3x3,relu) pool(2) flatten dense(32,relu) dense(10,softmax)';

describe('planExperiment', () => {
  it('a zoo model: its dataset, input pipeline and course settings', () => {
    const p = planExperiment({ zoo: 'mlp-raw' });
    expect(p.model).toBe('mlp-raw');
    expect(p.dataset.name).toBe('mnist');
    expect(p.pipeline).toMatchObject({ input: 'mnist-pixels', sampleShape: [784] });
    expect(p.training).toMatchObject({ epochs: 3, batchSize: 128, validationSplit: 0.1, loss: 'categoricalCrossentropy', classWeights: false });
    expect(p.training.optimizer).toMatchObject({ name: 'rmsprop', learningRate: 0.001, rho: 0.9 });
    expect(p.analysis.totalParams).toBe(7960);
    expect(p.spec.input).toEqual([784]);
  });

  it('mnist gives images to a spec that starts with a convolution (28×28×1 by default)', () => {
    const p = planExperiment({ spec: parseSpec(CNN), dataset: 'mnist' });
    expect(p.model).toBe('custom');
    expect(p.pipeline).toMatchObject({ input: 'mnist-image', height: 28, sampleShape: [28, 28, 1] });
    expect(p.spec.input).toEqual([28, 28, 1]);
    expect(p.analysis.totalParams).toBe(8 * 9 + 8 + (16 * 8 * 9 + 16) + (7 * 7 * 16 * 32 + 32) + (32 * 10 + 10));
  });

  it('mlp-hog reads as many features as the HOG parameters give', () => {
    const p = planExperiment({ zoo: 'mlp-hog', hog: { orientations: 9 } });
    expect(p.pipeline.sampleShape).toEqual([7 * 7 * 9]);
    expect(p.spec.input).toEqual([441]);
    expect(p.args.inputSize).toBe(441);
  });

  it('flags over the spec training block over the dataset: optimizer settings are one field each', () => {
    const spec = { ...parseSpec(CNN), training: { optimizer: { name: 'rmsprop' as const, rho: 0.8 }, epochs: 7 } };
    const p = planExperiment({ spec, dataset: 'mnist', optimizer: { momentum: 0.5 }, batchSize: 64 });
    expect(p.training.optimizer).toMatchObject({ name: 'rmsprop', rho: 0.8, momentum: 0.5 });
    expect(p.training).toMatchObject({ epochs: 7, batchSize: 64 });
    // another optimizer name starts from that optimizer's defaults
    expect(planExperiment({ spec, dataset: 'mnist', optimizer: { name: 'adam', beta2: 0.99 } }).training.optimizer).toMatchObject({
      name: 'adam',
      beta1: 0.9,
      beta2: 0.99,
    });
    expect(p.spec.training).toMatchObject({ epochs: 7, batchSize: 64, optimizer: { rho: 0.8, momentum: 0.5 } });
  });

  it('pneumonia: course settings, images at the spec size, one sigmoid output', () => {
    const p = planExperiment({ spec: parseSpec('input(64x64x1) conv(4,3x3,relu) pool(4) flatten dense(1,sigmoid)'), dataset: 'pneumonia' });
    expect(p.pipeline).toMatchObject({ input: 'xray-image', height: 64, scale: 1 });
    expect(p.training).toMatchObject({ loss: 'binaryCrossentropy', classWeights: true, batchSize: 64 });
    expect(p.training.optimizer.name).toBe('adam');
    expect(() => planExperiment({ spec: parseSpec('input(64x64x1) flatten dense(2,softmax)'), dataset: 'pneumonia' })).toThrow(
      /layer 2 dense\(2,softmax\): .*dense\(1,sigmoid\)/,
    );
  });

  it('refuses before anything runs: wrong classes, wrong input, bad settings', () => {
    expect(() => planExperiment({ spec: parseSpec('flatten dense(11,softmax)'), dataset: 'mnist' })).toThrow(SpecError);
    expect(() => planExperiment({ spec: parseSpec('input(32x32x3) conv(4,3x3) flatten dense(10,softmax)'), dataset: 'mnist' })).toThrow(/N×N×1.*32×32×3/);
    expect(() => planExperiment({ spec: parseSpec('conv(4,3x3) flatten dense(10,softmax)'), dataset: 'mnist-hog' })).toThrow(/HOG feature vectors/);
    expect(() => planExperiment({ zoo: 'mlp-raw', epochs: 0 })).toThrow(ExperimentOptionError);
    expect(() => planExperiment({ zoo: 'mlp-raw', valFromTrain: 1 })).toThrow(/val-from-train/);
    expect(() => planExperiment({ spec: parseSpec(CNN) })).toThrow(/needs a dataset/);
    expect(() => planExperiment({ spec: parseSpec(CNN), dataset: 'cifar' })).toThrow(/unknown dataset 'cifar'/);
    expect(() => planExperiment({ zoo: 'mlp-raw', optimizer: { rho: 2 } })).toThrow(/rho/);
  });
});
