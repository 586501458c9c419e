import * as tf from '@tensorflow/tfjs-core';
import { UnsortedSegmentSum } from '@tensorflow/tfjs-core';
import { maxRelAbsError, runKernel, seededValues, setUpBackends } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

describe('UnsortedSegmentSum on wasm', () => {
  it('matches the cpu backend, ids outside [0, numSegments) dropped', async () => {
    const x = { values: seededValues(7 * 3 * 2, 31), shape: [7, 3, 2] };
    const segmentIds = { values: new Int32Array([0, 2, 2, -1, 4, 0, 5]), shape: [7] };
    const want = await runKernel('cpu', UnsortedSegmentSum, { x, segmentIds }, { numSegments: 5 });
    const got = await runKernel('wasm', UnsortedSegmentSum, { x, segmentIds }, { numSegments: 5 });
    expect(got.shape).toEqual([5, 3, 2]);
    expect(maxRelAbsError(got.values, want.values)).toBeLessThan(1e-6);
  });

  it('makes the gradient of gather work on wasm', async () => {
    const grads = async (backend: string): Promise<Float32Array> => {
      await tf.setBackend(backend);
      const table = tf.tensor2d(seededValues(6 * 4, 32), [6, 4]);
      const indices = tf.tensor1d([1, 3, 1, 5], 'int32');
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, indices))))(table);
      const out = Float32Array.from(g.dataSync());
      tf.dispose([table, indices, g]);
      return out;
    };
    expect(maxRelAbsError(await grads('wasm'), await grads('cpu'))).toBeLessThan(1e-6);
  });
});
