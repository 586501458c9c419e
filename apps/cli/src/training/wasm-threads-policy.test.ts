import { autoWasmThreads, MAX_AUTO_THREADS, resolveWasmThreads } from './wasm-threads-policy';

describe('the automatic wasm thread count', () => {
  it('threads the large pneumonia CNN, not the MNIST models', async () => {
    expect(await autoWasmThreads([{ id: 'cnn-pneumonia' }], 2)).toBe(2);
    expect(await autoWasmThreads([{ id: 'cnn-mnist' }], 2)).toBe(1);
    expect(await autoWasmThreads([{ id: 'mlp-raw' }, { id: 'mlp-hog' }], 2)).toBe(1);
  });

  it('decides for the largest model of a command, capped, never below one thread', async () => {
    expect(await autoWasmThreads([{ id: 'mlp-raw' }, { id: 'cnn-pneumonia' }], 16)).toBe(MAX_AUTO_THREADS);
    expect(await autoWasmThreads([{ id: 'cnn-pneumonia' }], 1)).toBe(1);
    // A 32×32 pneumonia CNN is ~16× lighter than the course's 128×128: under the threshold.
    expect(await autoWasmThreads([{ id: 'cnn-pneumonia', args: { imageSize: 32 } }], 2)).toBe(1);
  });

  it('--threads wins over NNLAB_WASM_THREADS, which wins over the automatic choice', async () => {
    const saved = process.env.NNLAB_WASM_THREADS;
    try {
      process.env.NNLAB_WASM_THREADS = '3';
      expect(await resolveWasmThreads(2, [{ id: 'mlp-raw' }])).toBe(2);
      expect(await resolveWasmThreads(undefined, [{ id: 'mlp-raw' }])).toBe(3);
      delete process.env.NNLAB_WASM_THREADS;
      expect(await resolveWasmThreads(undefined, [{ id: 'mlp-raw' }])).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.NNLAB_WASM_THREADS;
      else process.env.NNLAB_WASM_THREADS = saved;
    }
  });
});
