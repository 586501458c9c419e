/**
 * End to end: the gradients of a small CNN's loss (written with ops: same and valid padding,
 * stride 2, odd sizes) on wasm with the training kernels against the cpu backend. The zoo's CNNs
 * are checked the same way in @nnlab/models (zoo-gradients.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { maxRelAbsError, seededTensor, seededValues, setUpBackends, type PlainFloats as Plain } from './testing/test-support';

const TOLERANCE = 1e-3;

beforeAll(async () => {
  await setUpBackends();
});

function oneHot(batch: number, classes: number, seed: number): Plain {
  const values = new Float32Array(batch * classes);
  const picks = seededValues(batch, seed, 0, classes);
  for (let i = 0; i < batch; i++) values[i * classes + Math.floor(picks[i])] = 1;
  return { values, shape: [batch, classes] };
}

/** Gradients of `loss(params)` w.r.t. every param, computed on `backend`. */
async function gradsOn(backend: string, params: Plain[], loss: (p: tf.Tensor[]) => tf.Scalar): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const tensors = params.map((p) => tf.tensor(p.values, p.shape));
  const grads = tf.grads((...p: tf.Tensor[]) => loss(p))(tensors);
  const out = grads.map((g) => Float32Array.from(g.dataSync()));
  tf.dispose([...tensors, ...grads]);
  return out;
}

describe('CNN gradients on wasm match the cpu backend', () => {
  it('a small CNN written with ops (same and valid padding, stride 2, odd sizes)', async () => {
    const x = seededTensor([3, 13, 11, 3], 41);
    const y = oneHot(3, 5, 42);
    const params = [
      seededTensor([3, 3, 3, 6], 43, 0.5), // conv1, same
      seededTensor([6], 44, 0.1),
      seededTensor([2, 2, 6, 8], 45, 0.5), // conv2, valid, stride 2
      seededTensor([8], 46, 0.1),
      seededTensor([2 * 1 * 8, 5], 47, 0.5), // dense
      seededTensor([5], 48, 0.1),
    ];
    const loss = ([k1, b1, k2, b2, w, b]: tf.Tensor[]): tf.Scalar => {
      const xs = tf.tensor4d(x.values, x.shape as [number, number, number, number]);
      let h = tf.relu(tf.add(tf.conv2d(xs, k1 as tf.Tensor4D, 1, 'same'), b1)) as tf.Tensor4D;
      h = tf.maxPool(h, 2, 2, 'valid'); // 6x5
      h = tf.relu(tf.add(tf.conv2d(h, k2 as tf.Tensor4D, 2, 'valid'), b2)) as tf.Tensor4D; // 3x2
      h = tf.maxPool(h, [2, 2], 2, 'same'); // 2x1
      const logits = tf.add(tf.matMul(tf.reshape(h, [3, 16]), w as tf.Tensor2D), b);
      return tf.losses.softmaxCrossEntropy(tf.tensor2d(y.values, [3, 5]), logits) as tf.Scalar;
    };
    const want = await gradsOn('cpu', params, loss);
    const got = await gradsOn('wasm', params, loss);
    got.forEach((g, i) => expect(maxRelAbsError(g, want[i])).toBeLessThan(TOLERANCE));
  });
});
