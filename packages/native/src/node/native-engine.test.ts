import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { arrayDataset, evaluateModel, fit, sliceDataset, type Dataset } from '@nnlab/core';
import { setUpBackends } from '@nnlab/kernels-wasm/testing';
import { addonPath } from './addon';
import { registerNativeEngine } from './register';

// The repository's embedded MNIST test images (IDX, gzip).
const MNIST = join(__dirname, '..', '..', '..', '..', 'data', 'mnist');

function mnist(count: number, sampleShape = [784]): Dataset {
  const images = gunzipSync(readFileSync(join(MNIST, 't10k-images-idx3-ubyte.gz'))).subarray(16, 16 + count * 784);
  const labels = gunzipSync(readFileSync(join(MNIST, 't10k-labels-idx1-ubyte.gz'))).subarray(8, 8 + count);
  return arrayDataset({ x: images, sampleShape, labels, numClasses: 10, scale: 1 / 255 });
}

function mlp(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 64, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
}

beforeAll(async () => {
  await setUpBackends();
  registerNativeEngine();
});

describe('the native engine behind fit', () => {
  it('trains an MLP epoch on MNIST to the same loss as the wasm fused dense trainer (within 1e-3), weights synced back', async () => {
    const data = mnist(3000);
    const results = [];
    const weights: ArrayLike<number>[][] = [];
    for (const engine of ['native', 'wasm'] as const) {
      const model = mlp();
      const r = await fit(model, data, { epochs: 2, batchSize: 128, optimizer: 'rmsprop', seed: 5, engine });
      results.push(r);
      weights.push(model.getWeights().map((w) => w.dataSync().slice()));
      model.dispose();
    }
    const [native, wasm] = results;
    expect(native.engine.name).toBe('native');
    expect(native.engine.threads).toBe(1);
    expect(native.engine.isa).toMatch(/avx|sse/);
    expect(wasm.engine.name).toBe('fused-dense');
    for (let e = 0; e < 2; e++) expect(Math.abs(native.history.loss[e] - wasm.history.loss[e])).toBeLessThan(1e-3);
    expect(native.history.loss[1]).toBeLessThan(native.history.loss[0]);
    // The tfjs variables hold the native weights after fit (same values as the wasm run's, to float rounding).
    weights[0].forEach((w, i) => {
      let diff = 0;
      for (let j = 0; j < w.length; j++) diff = Math.max(diff, Math.abs(w[j] - weights[1][i][j]));
      expect(diff).toBeLessThan(1e-3);
    });
  });

  it('evaluates natively with the predictions tfjs computes from the synced weights', async () => {
    const data = mnist(500);
    const model = mlp();
    await fit(model, data, { epochs: 1, batchSize: 64, engine: 'native', seed: 1 });
    const native = await evaluateModel(model, data);
    const tfjs = await evaluateModel(model, data, { engine: 'tfjs' });
    expect(native.engine?.name).toBe('native');
    expect(tfjs.engine?.name).toBe('tfjs');
    expect(Math.abs(native.loss - tfjs.loss)).toBeLessThan(1e-4);
    expect(native.accuracy).toBe(tfjs.accuracy);
    model.dispose();
  });

  it("validates on the training model itself (inference mode: dropout off, batch norm's moving statistics), as a fresh predictor and tfjs do", async () => {
    const all = mnist(800, [28, 28, 1]);
    const [train, validation] = [sliceDataset(all, 0, 640), sliceDataset(all, 640, 800)];
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [28, 28, 1],
          filters: 4,
          kernelSize: 3,
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
        }),
        tf.layers.batchNormalization(),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.dropout({ rate: 0.4 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }),
      ],
    });
    const r = await fit(model, train, { epochs: 2, batchSize: 64, optimizer: 'adam', engine: 'native', seed: 2, validation });
    expect(r.engine.name).toBe('native');
    const fresh = await evaluateModel(model, validation, { engine: 'native' });
    const tfjs = await evaluateModel(model, validation, { engine: 'tfjs' });
    expect(Math.abs(r.history.val_loss[1] - fresh.loss)).toBeLessThan(1e-5);
    expect(Math.abs(r.history.val_loss[1] - tfjs.loss)).toBeLessThan(1e-4);
    expect(r.history.val_acc[1]).toBe(tfjs.accuracy);
    model.dispose();
  });

  it('syncs weights on stop, and reports every fallback with its reason', async () => {
    const data = mnist(600);
    const model = mlp();
    const before = model.getWeights()[0].dataSync().slice();
    const stop = new AbortController();
    const r = await fit(model, data, {
      batchSize: 32,
      engine: 'native',
      signal: stop.signal,
      onEvent: (e) => {
        if (e.type === 'batch-end' && e.batch === 2) stop.abort();
      },
    });
    expect(r.stopped).toBe(true);
    const after = model.getWeights()[0].dataSync();
    expect(after.some((v, i) => v !== before[i])).toBe(true);
    // A layer the native engine lacks (elu): auto falls back to the next engine and says why.
    const elu = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [784], units: 8, activation: 'elu' }), tf.layers.dense({ units: 10, activation: 'softmax' })],
    });
    const events: unknown[] = [];
    const fb = await fit(elu, mnist(64), { batchSize: 32, onEvent: (e) => void (e.type === 'engine' && events.push(e)) });
    expect(fb.engine.name).not.toBe('native');
    expect(fb.engineFallbacks[0]).toEqual({ engine: 'native', reason: expect.stringMatching(/activation 'elu'/) });
    expect(events).toHaveLength(1);
    await expect(fit(elu, mnist(64), { engine: 'native' })).rejects.toThrow(/engine 'native' cannot train this model: native: layer .* activation 'elu'/);
    model.dispose();
    elu.dispose();
  });
});

describe('the addon outside this process', () => {
  const run = (env: Record<string, string>, code: string) => spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env: { ...process.env, ...env } });
  const file = addonPath()!;
  const step = `
    const a = require(${JSON.stringify(file)});
    const h = a.createModel({ input: [6], layers: [{ kind: 'dense', units: 5, activation: 'tanh' }, { kind: 'dense', units: 3, activation: 'softmax' }], maxBatch: 4, loss: 'categoricalCrossentropy', optimizer: { kind: 'adam', learningRate: 0.01 } });
    a.loadWeights(h, [new Float32Array(30).map((_, i) => Math.sin(i)), new Float32Array(5), new Float32Array(15).map((_, i) => Math.cos(i)), new Float32Array(3)]);
    const y = new Float32Array(12); for (let i = 0; i < 4; i++) y[i * 3 + (i % 3)] = 1;
    a.setData(h, new Float32Array(24).map((_, i) => (i % 7) / 7), y);
    const out = new Float64Array(2); for (let s = 0; s < 5; s++) a.trainStep(h, Int32Array.from([0, 1, 2, 3]), out);
    console.log(JSON.stringify({ isa: a.info().isa, loss: out[0] }));`;

  it('dispatches to AVX2 code under ONEDNN_MAX_CPU_ISA=AVX2 with the same results', () => {
    expect(existsSync(file)).toBe(true);
    const avx2 = run({ ONEDNN_MAX_CPU_ISA: 'AVX2' }, step);
    const full = run({}, step);
    expect(avx2.status).toBe(0);
    const a = JSON.parse(avx2.stdout) as { isa: string; loss: number };
    const b = JSON.parse(full.stdout) as { isa: string; loss: number };
    expect(a.isa).toBe('avx2');
    expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-5);
  });

  it('falls back with one reason when the addon is missing, and fails under NNLAB_REQUIRE_NATIVE=1', () => {
    const code = `
      const { registerNativeEngine } = require('@nnlab/native/node');
      try { const s = registerNativeEngine(); console.log(JSON.stringify(s)); } catch (e) { console.log(JSON.stringify({ error: e.message, code: e.code })); }`;
    const env = { NNLAB_NATIVE_ADDON: '/nonexistent/nnlab_native.node', NNLAB_REQUIRE_NATIVE: '' };
    const missing = JSON.parse(run(env, code).stdout.trim().split('\n').pop()!) as { available: boolean; reason: string };
    expect(missing.available).toBe(false);
    expect(missing.reason).toMatch(/not built .*g\+\+ and libdnnl-dev/);
    const required = JSON.parse(
      run({ ...env, NNLAB_REQUIRE_NATIVE: '1' }, code)
        .stdout.trim()
        .split('\n')
        .pop()!,
    ) as { error: string; code: string };
    expect(required.code).toBe('BACKEND_UNAVAILABLE');
    expect(required.error).toMatch(/NNLAB_REQUIRE_NATIVE=1 asks for the native engine/);
  });
});
