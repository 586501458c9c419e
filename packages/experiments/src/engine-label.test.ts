import { engineLabel, engineShort } from './engine-label';

describe('engineLabel', () => {
  it('names the native library, ISA and threads, and no tfjs backend (native does not use one)', () => {
    expect(engineLabel({ name: 'native', library: 'oneDNN 2.6.3', isa: 'avx2', threads: 2 }, 'wasm')).toBe('native (oneDNN 2.6.3, avx2, 2 threads)');
    expect(engineLabel({ name: 'native', library: 'oneDNN 2.6.3', isa: 'avx512_core', threads: 1 }, 'wasm')).toBe(
      'native (oneDNN 2.6.3, avx512_core, 1 thread)',
    );
  });

  it('puts the fused dense trainer and tfjs ops on their backend', () => {
    expect(engineLabel({ name: 'fused-dense' }, 'wasm')).toBe('fused-dense on wasm');
    expect(engineLabel({ name: 'tfjs' }, 'webgpu')).toBe('tfjs on webgpu');
  });

  it('falls back to the backend for records written before engines were recorded', () => {
    expect(engineLabel(undefined, 'wasm')).toBe('wasm');
  });

  it("shows the backend's threads where the engine names none (the web's wasm worker)", () => {
    expect(engineLabel({ name: 'fused-dense' }, 'wasm', 2)).toBe('fused-dense on wasm (2 threads)');
    expect(engineLabel({ name: 'native', library: 'oneDNN 2.6.3', isa: 'avx2', threads: 2 }, 'wasm', 1)).toBe('native (oneDNN 2.6.3, avx2, 2 threads)');
    expect(engineLabel(undefined, 'wasm', 1)).toBe('wasm (1 thread)');
  });
});

describe('engineShort', () => {
  it('is one word for table columns', () => {
    expect(engineShort({ name: 'native', library: 'oneDNN 2.6.3', threads: 2 }, 'wasm')).toBe('native');
    expect(engineShort({ name: 'fused-dense' }, 'wasm')).toBe('fused-dense@wasm');
    expect(engineShort({ name: 'tfjs' }, 'cpu')).toBe('tfjs@cpu');
    expect(engineShort(undefined, 'webgpu')).toBe('webgpu');
  });
});
