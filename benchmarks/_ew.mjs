import * as tf from '@tensorflow/tfjs';
import { registerNodeBackends } from '@nnlab/core/node';
import { useBackend } from '@nnlab/core';
registerNodeBackends({ wasmThreads: 1 });
await useBackend('wasm');
const shape = (process.argv[2] ?? '128,28,28,10').split(',').map(Number);
const x = tf.randomUniform(shape, -1, 1);
const dy = tf.randomUniform(shape, -1, 1);
const b = tf.randomUniform([shape.at(-1)]);
const ops = {
  add: () => tf.add(x, b),
  relu: () => tf.relu(x),
  sum: () => tf.sum(x, [0, 1, 2]),
  mul: () => tf.mul(x, dy),
  step: () => tf.step(x),
  reluGrad: () => tf.engine().runKernel('NnlabReluGrad', { dy, x }),
  clone: () => tf.add(x, 0),
};
for (const [name, f] of Object.entries(ops)) {
  for (let i = 0; i < 20; i++) f().dispose();
  const t = performance.now(); const N = 50;
  for (let i = 0; i < N; i++) { const r = f(); r.dispose(); }
  console.log(name.padEnd(9), ((performance.now() - t) / N).toFixed(3), 'ms');
}
