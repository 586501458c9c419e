import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, type AdamUpdateAttrs } from './adam-update';
import { maxAbsDiff, seededValues, setUpBackends } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

/** The update in tfjs ops on the cpu backend: the op-by-op path the kernel replaces. */
function cpuAdam(value: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, a: AdamUpdateAttrs): Float32Array[] {
  return tf.tidy(() => {
    const [th, mt, vt, gt] = [value, m, v, g].map((x) => tf.tensor1d(x));
    const newM = tf.add(tf.mul(mt, a.beta1), tf.mul(gt, 1 - a.beta1));
    const newV = tf.add(tf.mul(vt, a.beta2), tf.mul(tf.square(gt), 1 - a.beta2));
    const newTh = tf.sub(th, tf.div(tf.mul(newM, a.alpha), tf.add(tf.sqrt(newV), a.epsilon)));
    return [newTh, newM, newV].map((t) => Float32Array.from(t.dataSync()));
  });
}

describe('NnlabAdamUpdate (fused Keras Adam step on wasm)', () => {
  it('is registered for wasm only', () => {
    expect(tf.getKernel(ADAM_UPDATE, 'wasm')).toBeDefined();
    expect(tf.getKernel(ADAM_UPDATE, 'cpu')).toBeUndefined();
  });

  it('gives the new value, m and v of the op-by-op update on the cpu backend', async () => {
    const n = 1001;
    const value = seededValues(n, 1);
    const m = seededValues(n, 2, -0.1, 0.1);
    const v = seededValues(n, 3, 0, 0.01);
    const g = seededValues(n, 4);
    for (let i = 0; i < 10; i++) g[i] = 1e-7 * (i - 5); // tiny gradients, where ε matters
    const attrs: AdamUpdateAttrs = { alpha: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
    await tf.setBackend('cpu');
    const want = cpuAdam(value, m, v, g, attrs);
    await tf.setBackend('wasm');
    const got = tf.tidy(() => {
      const inputs = { value: tf.tensor1d(value), m: tf.tensor1d(m), v: tf.tensor1d(v), gradient: tf.tensor1d(g) };
      const outs = tf.engine().runKernel(ADAM_UPDATE, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      return outs.map((t) => Float32Array.from(t.dataSync()));
    });
    for (let k = 0; k < 3; k++) expect(maxAbsDiff(got[k], want[k])).toBeLessThan(1e-7);
  });
});
