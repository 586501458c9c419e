import * as tf from '@tensorflow/tfjs';
import { benchmarkModel, forwardFlops } from './benchmark';
import { buildZooModel } from '@nnlab/models';

describe('forwardFlops', () => {
  it('counts 2·in·out per Dense layer (mlp-raw: 2·(784·10 + 10·10))', () => {
    expect(forwardFlops(buildZooModel('mlp-raw'))).toBe(2 * (784 * 10 + 10 * 10));
  });
  it('counts 2·k·k·cin·cout·H·W per Conv2D (cnn-pneumonia ≈ 40 MFLOP forward)', () => {
    const convs = [
      [1, 8, 128],
      [8, 16, 64],
      [16, 32, 32],
      [32, 64, 16],
      [64, 128, 8],
    ].reduce((s, [cin, cout, side]) => s + 2 * 9 * cin * cout * side * side, 0);
    const dense = 2 * (2048 * 32 + 32 * 16 + 16 * 1);
    expect(forwardFlops(buildZooModel('cnn-pneumonia'))).toBe(convs + dense);
  });
});

describe('benchmarkModel', () => {
  it('measures training and inference through fit, with a kernel profile', async () => {
    await tf.setBackend('cpu');
    const r = await benchmarkModel('mlp-raw', { steps: 3, warmupSteps: 1, batchSize: 32, profile: true });
    expect(r).toMatchObject({ model: 'mlp-raw', backend: 'cpu', batchSize: 32, steps: 3 });
    expect(r.trainSamplesPerSecond).toBeGreaterThan(0);
    expect(r.inferSamplesPerSecond).toBeGreaterThan(0);
    expect(r.trainGflops).toBeCloseTo((r.trainSamplesPerSecond * 3 * r.forwardFlopsPerSample) / 1e9, 6);
    expect(r.profile!.map((k) => k.name)).toEqual(expect.arrayContaining(['BatchMatMul']));
  });
});
