import * as tf from '@tensorflow/tfjs';
import { Relu } from '@tensorflow/tfjs-core';
import { setElementwiseKernelsDisabled } from './loops';
import { RELU_GRAD } from './relu';
import { maxAbsDiff, runKernel, seededValues, setUpBackends } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

afterEach(() => setElementwiseKernelsDisabled(false));

/** relu's gradient through tfjs' autodiff on one backend, and the kernels that computed it. */
async function reluGradient(backend: 'wasm' | 'cpu', xs: Float32Array, dys: Float32Array, shape: number[]) {
  await tf.setBackend(backend);
  const x = tf.tensor(xs, shape);
  const dy = tf.tensor(dys, shape);
  let values = new Float32Array(0);
  const profile = await tf.profile(() => {
    const g = tf.grad((t: tf.Tensor) => tf.relu(t))(x, dy);
    values = Float32Array.from(g.dataSync());
    g.dispose();
  });
  tf.dispose([x, dy]);
  return { values, kernels: profile.kernels.map((k) => k.name) };
}

describe('relu on wasm', () => {
  for (const shape of [[3, 28, 28, 10], [5, 7], [2]]) {
    it(`Relu [${shape.join(', ')}] equals the cpu backend (tails of 0–3 floats included)`, async () => {
      const n = shape.reduce((a, b) => a * b, 1);
      const values = seededValues(n, 31);
      values[0] = NaN;
      const want = await runKernel('cpu', Relu, { x: { values, shape } }, {});
      const got = await runKernel('wasm', Relu, { x: { values, shape } }, {});
      expect(Array.from(got.values)).toEqual(Array.from(want.values));
    });
  }

  it("relu's gradient is one NnlabReluGrad pass on wasm, tfjs' Step·Multiply on cpu, same values", async () => {
    const shape = [4, 9, 9, 10];
    const xs = seededValues(3240, 32);
    xs[5] = 0; // step(0) = 0
    const dys = seededValues(3240, 33);
    const cpu = await reluGradient('cpu', xs, dys, shape);
    const wasm = await reluGradient('wasm', xs, dys, shape);
    expect(wasm.kernels).toContain(RELU_GRAD);
    expect(wasm.kernels).not.toContain('Step');
    expect(cpu.kernels).toContain('Step');
    expect(Array.from(wasm.values)).toEqual(Array.from(cpu.values));
    expect(wasm.values[5]).toBe(0);
  });

  it('without the element-wise module, Relu and its gradient still give the same values', async () => {
    setElementwiseKernelsDisabled(true);
    const xs = seededValues(37, 34);
    const dys = seededValues(37, 35);
    const cpu = await reluGradient('cpu', xs, dys, [37]);
    const wasm = await reluGradient('wasm', xs, dys, [37]);
    expect(Array.from(wasm.values)).toEqual(Array.from(cpu.values));
    const want = await runKernel('cpu', Relu, { x: { values: xs, shape: [37] } }, {});
    const got = await runKernel('wasm', Relu, { x: { values: xs, shape: [37] } }, {});
    expect(Array.from(got.values)).toEqual(Array.from(want.values));
  });

  it('differentiates twice (the gradient of the gradient) like the cpu backend', async () => {
    const second = async (backend: 'wasm' | 'cpu') => {
      await tf.setBackend(backend);
      const x = tf.tensor1d(seededValues(12, 36));
      const w = tf.tensor1d(seededValues(12, 37));
      // d/dw of Σ (d/dx Σ relu(x)·w·w)
      const g = tf.grad((wt: tf.Tensor) => tf.sum(tf.grad((xt: tf.Tensor) => tf.sum(tf.mul(tf.relu(xt), tf.mul(wt, wt))))(x)))(w);
      const out = Float32Array.from(g.dataSync());
      tf.dispose([x, w, g]);
      return out;
    };
    expect(maxAbsDiff(await second('wasm'), await second('cpu'))).toBeLessThan(1e-6);
  });
});
