/**
 * A short timed probe of the active backend: a dense layer's forward and backward matrix products
 * on a 64-sample batch of MNIST-sized inputs (784 → 128), what an MLP training step spends its
 * time on. Two untimed warm-up rounds (shader compilation, wasm warm-up), then the median of the
 * timed rounds, each read back to the CPU so GPU work is counted.
 */
import * as tf from '@tensorflow/tfjs';

/** Milliseconds per probe round (median). */
export async function timeProbe(rounds = 5): Promise<number> {
  const x = tf.randomUniform([64, 784], 0, 1, 'float32', 1);
  const w = tf.randomNormal([784, 128], 0, 0.05, 'float32', 2);
  const round = async () => {
    const out = tf.tidy(() => {
      const h = tf.relu(tf.matMul(x, w));
      const dw = tf.matMul(x, h, true, false); // 784 × 128, the weight gradient's shape
      return tf.add(tf.sum(h), tf.sum(dw));
    });
    await out.data();
    out.dispose();
  };
  try {
    await round();
    await round();
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await round();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } finally {
    x.dispose();
    w.dispose();
  }
}
