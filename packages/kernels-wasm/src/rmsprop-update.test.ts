import * as tf from '@tensorflow/tfjs';
import { RMSPROP_UPDATE, type RmspropUpdateAttrs } from './rmsprop-update';
import { maxAbsDiff, seededValues, setUpBackends } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

/** Keras' rule in tfjs ops on the cpu backend: the op-by-op path the kernel replaces. */
function cpuRmsprop(value: Float32Array, ms: Float32Array, g: Float32Array, a: RmspropUpdateAttrs): Float32Array[] {
  return tf.tidy(() => {
    const [th, mst, gt] = [value, ms, g].map((x) => tf.tensor1d(x));
    const newMs = tf.add(tf.mul(mst, a.rho), tf.mul(tf.square(gt), 1 - a.rho));
    const newTh = tf.sub(th, tf.div(tf.mul(gt, a.learningRate), tf.sqrt(tf.add(newMs, a.epsilon))));
    return [newTh, newMs].map((t) => Float32Array.from(t.dataSync()));
  });
}

describe('NnlabRMSpropUpdate (fused Keras RMSprop step on wasm)', () => {
  it('is registered for wasm only', () => {
    expect(tf.getKernel(RMSPROP_UPDATE, 'wasm')).toBeDefined();
    expect(tf.getKernel(RMSPROP_UPDATE, 'cpu')).toBeUndefined();
  });

  it('gives the new value and mean square of the op-by-op update on the cpu backend', async () => {
    const n = 777;
    const value = seededValues(n, 5);
    const ms = seededValues(n, 6, 0, 0.01);
    const g = seededValues(n, 7);
    for (let i = 0; i < 10; i++) g[i] = 1e-6 * (i - 5); // tiny gradients, where ε's placement matters
    const attrs: RmspropUpdateAttrs = { learningRate: 1e-3, rho: 0.9, epsilon: 1e-7 };
    await tf.setBackend('cpu');
    const want = cpuRmsprop(value, ms, g, attrs);
    await tf.setBackend('wasm');
    const got = tf.tidy(() => {
      const inputs = { value: tf.tensor1d(value), meanSquare: tf.tensor1d(ms), gradient: tf.tensor1d(g) };
      const outs = tf.engine().runKernel(RMSPROP_UPDATE, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      return outs.map((t) => Float32Array.from(t.dataSync()));
    });
    for (let k = 0; k < 2; k++) expect(maxAbsDiff(got[k], want[k])).toBeLessThan(1e-7);
  });
});
