import * as tf from '@tensorflow/tfjs';
import { listBackends, useBackend } from '../backend-registry';
import { BackendUnavailableError } from '../errors';
import { registerNodeBackends } from './node-backends';
import { webgpuNodeEnvProblem } from './webgpu-node-env';

beforeAll(() => registerNodeBackends());

describe('Node backends', () => {
  it('lists wasm as the preferred backend, cpu usable, tensorflow explained', async () => {
    const list = await listBackends();
    const byName = Object.fromEntries(list.map((b) => [b.name, b]));
    expect(list[0].name).toBe('wasm');
    expect(byName.wasm).toMatchObject({ usable: true, preferred: true });
    expect(byName.cpu.usable).toBe(true);
    expect(byName.tensorflow.usable).toBe(false);
    expect(byName.tensorflow.detail).toMatch(/@tensorflow\/tfjs-node/);
  });

  it('activates wasm by default, with SIMD', async () => {
    const active = await useBackend();
    expect(active.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.env().getBool('WASM_HAS_SIMD_SUPPORT')).toBe(true);
  });

  it('names the usable backends when the requested one is missing', async () => {
    const err = await useBackend('tensorflow').catch((e) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect(err.message).toMatch(/backend 'tensorflow' is not available: optional peer @tensorflow\/tfjs-node is not installed\. Available here: wasm, cpu/);
  });

  it('rejects an unknown backend name', async () => {
    await expect(useBackend('metal' as never)).rejects.toThrow(/unknown backend 'metal'/);
  });

  // CI sets NNLAB_REQUIRE_WEBGPU=1 so this can never be skipped there.
  const webgpuReady = process.env.NNLAB_REQUIRE_WEBGPU === '1' || !webgpuNodeEnvProblem();
  (webgpuReady ? it : it.skip)('runs webgpu through Dawn (SwiftShader without a GPU)', async () => {
    const active = await useBackend('webgpu');
    expect(active.name).toBe('webgpu');
    const y = await tf
      .matMul(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        tf.tensor2d([
          [1, 0],
          [0, 1],
        ]),
      )
      .data();
    expect(Array.from(y)).toEqual([1, 2, 3, 4]);
    await useBackend('wasm');
  });
});
