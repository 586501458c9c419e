import * as tf from '@tensorflow/tfjs-core';
import { setUpBackends } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

describe('Cast on wasm', () => {
  it('a cast to the same dtype shares the buffer', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor1d([1.5, -2, 3]);
    const b = tf.cast(a, 'float32');
    expect(b.dataId).toBe(a.dataId);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1.5, -2, 3]);
    b.dispose();
  });

  it('real conversions match the cpu backend', async () => {
    const values = [1.7, -2.2, 0, 3.9, -0.5, 256, -0, 2, NaN];
    const run = async (backend: string): Promise<unknown[]> => {
      await tf.setBackend(backend);
      const x = tf.tensor1d(values);
      const out = [tf.cast(x, 'int32').arraySync(), tf.cast(x, 'bool').arraySync(), tf.cast(tf.cast(x, 'int32'), 'float32').arraySync()];
      x.dispose();
      return out;
    };
    expect(await run('wasm')).toEqual(await run('cpu'));
  });
});
