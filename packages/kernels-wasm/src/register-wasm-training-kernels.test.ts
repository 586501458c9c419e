import * as tf from '@tensorflow/tfjs-core';
import { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './register-wasm-training-kernels';
import { setUpBackends, shippedWasmKernels } from './testing/test-support';

beforeAll(async () => {
  await setUpBackends();
});

describe('registerWasmTrainingKernels', () => {
  it('registered every kernel of the list, filling the gaps of tfjs-backend-wasm 4.22', async () => {
    const report = await setUpBackends();
    expect(report.registered).toEqual(WASM_TRAINING_KERNELS.map((k) => k.kernelName));
    for (const k of WASM_TRAINING_KERNELS) {
      expect(shippedWasmKernels.has(k.kernelName)).toBe(k.kind === 'replacement');
    }
  });

  it('is idempotent', () => {
    const before = WASM_TRAINING_KERNELS.map((k) => tf.getKernel(k.kernelName, 'wasm'));
    const again = registerWasmTrainingKernels();
    expect(again.registered).toEqual([]);
    expect(again.active).toEqual(WASM_TRAINING_KERNELS.map((k) => k.kernelName));
    expect(again.skipped.every((s) => s.reason === 'already registered')).toBe(true);
    expect(WASM_TRAINING_KERNELS.map((k) => tf.getKernel(k.kernelName, 'wasm'))).toEqual(before);
  });

  it('keeps the shipped kernels with replaceShipped: false, and skips what tfjs provides', () => {
    const name = 'MaxPoolGrad';
    const ours = tf.getKernel(name, 'wasm');
    const shipped = shippedWasmKernels.get(name);
    if (!shipped) throw new Error('no shipped MaxPoolGrad');
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(shipped);
    const filter = 'Conv2DBackpropFilter';
    const ourFilter = tf.getKernel(filter, 'wasm');
    tf.unregisterKernel(filter, 'wasm');
    tf.registerKernel({ ...ourFilter }); // stands for a future tfjs that ships the kernel
    try {
      const report = registerWasmTrainingKernels({ replaceShipped: false });
      expect(report.registered).toEqual([]);
      expect(report.skipped).toContainEqual({ kernelName: name, reason: 'shipped kernel kept (replaceShipped: false)' });
      expect(report.skipped).toContainEqual({ kernelName: filter, reason: 'tfjs-backend-wasm provides it' });
      expect(tf.getKernel(name, 'wasm')).toBe(shipped);
      const replaced = registerWasmTrainingKernels();
      expect(replaced.registered).toEqual([name]);
      expect(tf.getKernel(name, 'wasm')).toBe(ours);
    } finally {
      tf.unregisterKernel(filter, 'wasm');
      tf.registerKernel(ourFilter);
    }
  });
});
