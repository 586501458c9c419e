import * as tf from '@tensorflow/tfjs';
import { KerasAdam } from '../keras-adam';
import { ADAM_UPDATE } from './adam-update';
import { maxAbsDiff, optimizeQuadratic, seededValues, setUpBackends } from './test-support';

beforeAll(async () => {
  await setUpBackends();
});

describe('NnlabAdamUpdate (fused Keras Adam on wasm)', () => {
  it('is registered for wasm only', () => {
    expect(tf.getKernel(ADAM_UPDATE, 'wasm')).toBeDefined();
    expect(tf.getKernel(ADAM_UPDATE, 'cpu')).toBeUndefined();
  });

  it('gives the op-by-op result of the cpu backend over several steps', async () => {
    const w0 = seededValues(777, 8);
    const target = seededValues(777, 9);
    for (let i = 0; i < 10; i++) target[i] = w0[i] + 1e-6;
    const make = () => new KerasAdam(1e-2, 0.9, 0.999, 1e-7);
    const want = await optimizeQuadratic('cpu', make, w0, target, 6);
    const got = await optimizeQuadratic('wasm', make, w0, target, 6);
    expect(maxAbsDiff(got, want)).toBeLessThan(1e-6);
  });
});
