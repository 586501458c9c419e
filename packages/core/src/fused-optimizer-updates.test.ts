import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, RMSPROP_UPDATE } from '@nnlab/kernels-wasm';
import { maxAbsDiff, optimizeQuadratic, seededValues, setUpBackends } from '@nnlab/kernels-wasm/testing';
import { KerasAdam } from './keras-adam';
import { KerasRMSprop } from './keras-rmsprop';

// KerasAdam and KerasRMSprop run one fused kernel per variable on wasm (@nnlab/kernels-wasm) and
// tfjs ops elsewhere: both paths must give the same weights.
beforeAll(async () => {
  await setUpBackends();
});

describe('fused optimizer updates on wasm', () => {
  it('the fused kernels are registered for wasm only', () => {
    for (const name of [ADAM_UPDATE, RMSPROP_UPDATE]) {
      expect(tf.getKernel(name, 'wasm')).toBeDefined();
      expect(tf.getKernel(name, 'cpu')).toBeUndefined();
    }
  });

  it('KerasAdam gives the op-by-op result of the cpu backend over several steps', async () => {
    const w0 = seededValues(777, 8);
    const target = seededValues(777, 9);
    for (let i = 0; i < 10; i++) target[i] = w0[i] + 1e-6;
    const make = () => new KerasAdam(1e-2, 0.9, 0.999, 1e-7);
    const want = await optimizeQuadratic('cpu', make, w0, target, 6);
    const got = await optimizeQuadratic('wasm', make, w0, target, 6);
    expect(maxAbsDiff(got, want)).toBeLessThan(1e-6);
  });

  it('KerasRMSprop gives the op-by-op result of the cpu backend over several steps', async () => {
    const w0 = seededValues(1031, 5);
    const target = seededValues(1031, 6);
    // A few tiny gradients, where ε's placement matters.
    for (let i = 0; i < 10; i++) target[i] = w0[i] + 1e-6;
    const make = () => new KerasRMSprop(1e-2, 0.9, 0, 1e-7);
    const want = await optimizeQuadratic('cpu', make, w0, target, 5);
    const got = await optimizeQuadratic('wasm', make, w0, target, 5);
    expect(maxAbsDiff(got, want)).toBeLessThan(1e-6);
  });

  it('KerasRMSprop with momentum or centering (no fused kernel) still matches the cpu backend', async () => {
    const w0 = seededValues(301, 11);
    const target = seededValues(301, 12);
    for (const make of [() => new KerasRMSprop(1e-2, 0.9, 0.5, 1e-7), () => new KerasRMSprop(1e-2, 0.9, 0, 1e-7, true)]) {
      const want = await optimizeQuadratic('cpu', make, w0, target, 4);
      const got = await optimizeQuadratic('wasm', make, w0, target, 4);
      expect(maxAbsDiff(got, want)).toBeLessThan(1e-6);
    }
  });
});
