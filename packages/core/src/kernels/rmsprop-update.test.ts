import * as tf from '@tensorflow/tfjs';
import { KerasRMSprop } from '../keras-rmsprop';
import { RMSPROP_UPDATE } from './rmsprop-update';
import { seededValues, setUpBackends } from './test-support';

beforeAll(async () => {
  await setUpBackends();
});

/** Five RMSprop steps on a quadratic, returning the final weights. */
async function run(backend: 'cpu' | 'wasm', w0: Float32Array, target: Float32Array): Promise<Float32Array> {
  await tf.setBackend(backend);
  const w = tf.variable(tf.tensor1d(w0));
  const t = tf.tensor1d(target);
  const opt = new KerasRMSprop(1e-2, 0.9, 0, 1e-7);
  for (let i = 0; i < 5; i++) opt.minimize(() => tf.sum(tf.square(tf.sub(w, t))) as tf.Scalar, false, [w]);
  const out = Float32Array.from(await w.data());
  opt.dispose();
  w.dispose();
  t.dispose();
  return out;
}

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
    const want = await run('cpu', w0, target);
    const got = await run('wasm', w0, target);
    let maxDiff = 0;
    for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
    expect(maxDiff).toBeLessThan(1e-6);
  });
});
