import * as tf from '@tensorflow/tfjs';
import { KerasRMSprop } from '../keras-rmsprop';
import { RMSPROP_UPDATE } from './rmsprop-update';
import { maxAbsDiff, optimizeQuadratic, seededValues, setUpBackends } from './test-support';

beforeAll(async () => {
  await setUpBackends();
});

describe('NnlabRMSpropUpdate (fused Keras RMSprop on wasm)', () => {
  it('is registered for wasm only', () => {
    expect(tf.getKernel(RMSPROP_UPDATE, 'wasm')).toBeDefined();
    expect(tf.getKernel(RMSPROP_UPDATE, 'cpu')).toBeUndefined();
  });

  it('gives the op-by-op result of the cpu backend over several steps', async () => {
    const w0 = seededValues(1031, 5);
    const target = seededValues(1031, 6);
    // A few tiny gradients, where ε's placement matters.
    for (let i = 0; i < 10; i++) target[i] = w0[i] + 1e-6;
    const make = () => new KerasRMSprop(1e-2, 0.9, 0, 1e-7);
    const want = await optimizeQuadratic('cpu', make, w0, target, 5);
    const got = await optimizeQuadratic('wasm', make, w0, target, 5);
    expect(maxAbsDiff(got, want)).toBeLessThan(1e-6);
  });
});
