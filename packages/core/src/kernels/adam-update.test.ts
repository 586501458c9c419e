import * as tf from '@tensorflow/tfjs';
import { KerasAdam } from '../keras-adam';
import { ADAM_UPDATE } from './adam-update';
import { seededValues, setUpBackends } from './test-support';

beforeAll(async () => {
  await setUpBackends();
});

async function run(backend: 'cpu' | 'wasm', w0: Float32Array, target: Float32Array): Promise<Float32Array> {
  await tf.setBackend(backend);
  const w = tf.variable(tf.tensor1d(w0));
  const t = tf.tensor1d(target);
  const opt = new KerasAdam(1e-2, 0.9, 0.999, 1e-7);
  for (let i = 0; i < 6; i++) opt.minimize(() => tf.sum(tf.square(tf.sub(w, t))) as tf.Scalar, false, [w]);
  const out = Float32Array.from(await w.data());
  opt.dispose();
  w.dispose();
  t.dispose();
  return out;
}

describe('NnlabAdamUpdate (fused Keras Adam on wasm)', () => {
  it('is registered for wasm only', () => {
    expect(tf.getKernel(ADAM_UPDATE, 'wasm')).toBeDefined();
    expect(tf.getKernel(ADAM_UPDATE, 'cpu')).toBeUndefined();
  });

  it('gives the op-by-op result of the cpu backend over several steps', async () => {
    const w0 = seededValues(777, 8);
    const target = seededValues(777, 9);
    for (let i = 0; i < 10; i++) target[i] = w0[i] + 1e-6;
    const want = await run('cpu', w0, target);
    const got = await run('wasm', w0, target);
    let maxDiff = 0;
    for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
    expect(maxDiff).toBeLessThan(1e-6);
  });
});
