import * as tf from '@tensorflow/tfjs-core';
import { setUpBackends } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

describe('Identity on wasm (shared buffer)', () => {
  it('clones share the data, and each survives the other being disposed', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const b = tf.clone(a);
    expect(b.dataId).toBe(a.dataId);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4]);
    const c = tf.clone(b);
    b.dispose();
    expect(Array.from(c.dataSync())).toEqual([1, 2, 3, 4]);
    c.dispose();
  });

  it('does not leak: memory returns to where it was', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numDataBuffers;
    const a = tf.ones([3, 3]);
    const clones = [tf.clone(a), tf.clone(a), tf.clone(a)];
    tf.dispose([a, ...clones]);
    expect(tf.memory().numDataBuffers).toBe(before);
    expect(tf.backend().numDataIds()).toBeGreaterThanOrEqual(0);
  });

  it('still clones string tensors (shipped kernel)', async () => {
    await tf.setBackend('wasm');
    const s = tf.tensor1d(['a', 'bc'], 'string');
    const t = tf.clone(s);
    expect(t.arraySync()).toEqual(['a', 'bc']);
    tf.dispose([s, t]);
  });

  it('a variable keeps its own value when the tensor it was made from is disposed', async () => {
    await tf.setBackend('wasm');
    const init = tf.tensor1d([1, 2, 3]);
    const v = tf.variable(init);
    init.dispose();
    v.assign(tf.add(v, tf.onesLike(v)));
    expect(Array.from(v.dataSync())).toEqual([2, 3, 4]);
    v.dispose();
  });
});
