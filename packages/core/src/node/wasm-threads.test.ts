import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { InvalidOptionError } from '../errors';
import { registerWasmTrainingKernels } from '@nnlab/kernels-wasm';
import { maxRelAbsError, seededValues } from '@nnlab/kernels-wasm/testing';
import { enableWasmThreadsInNode } from './wasm-threads';

afterAll(() => {
  // Terminates the pthread workers.
  if (tf.engine().registryFactory.wasm) tf.removeBackend('wasm');
});

describe('enableWasmThreadsInNode', () => {
  it('rejects a thread count outside 1..8', async () => {
    await expect(enableWasmThreadsInNode({ numThreads: 0 })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(enableWasmThreadsInNode({ numThreads: 9 })).rejects.toThrow(/from 1 to 8/);
    await expect(enableWasmThreadsInNode({ numThreads: 1.5 })).rejects.toThrow(/integer/);
  });

  it('runs the threaded SIMD build with 2 threads, and the training kernels on its shared heap', async () => {
    const setup = await enableWasmThreadsInNode({ numThreads: 2 });
    expect(setup.threaded).toBe(true);
    expect(setup.workerScript && existsSync(setup.workerScript)).toBe(true);
    await expect(enableWasmThreadsInNode({ numThreads: 2 })).resolves.toBe(setup);
    await expect(enableWasmThreadsInNode({ numThreads: 3 })).rejects.toThrow(/already set up for 2 threads/);
    registerWasmTrainingKernels();
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(getThreadsCount()).toBe(2);
    const backend = tf.backend() as unknown as { wasm: { wasmMemory?: WebAssembly.Memory } };
    expect(backend.wasm.wasmMemory?.buffer).toBeInstanceOf(SharedArrayBuffer);

    const grads = async (name: string): Promise<Float32Array[]> => {
      await tf.setBackend(name);
      const x = tf.tensor4d(seededValues(2 * 12 * 12 * 3, 1), [2, 12, 12, 3]);
      const k = tf.tensor4d(seededValues(3 * 3 * 3 * 8, 2), [3, 3, 3, 8]);
      const [gx, gk] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.maxPool(tf.relu(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')), 2, 2, 'valid'))),
      )([x, k]);
      const out = [Float32Array.from(gx.dataSync()), Float32Array.from(gk.dataSync())];
      tf.dispose([x, k, gx, gk]);
      return out;
    };
    const got = await grads('wasm');
    const want = await grads('cpu');
    got.forEach((g, i) => expect(maxRelAbsError(g, want[i])).toBeLessThan(1e-4));
    await expect(enableWasmThreadsInNode({ numThreads: 2 })).resolves.toBe(setup);
  }, 60000);
});
