import * as tf from '@tensorflow/tfjs';
import { arrayDataset } from '../dataset';
import { fit } from '../fit';
import { createOptimizer } from '../optimizers';
import { chooseEngine, choosePredictor } from './choose-engine';
import type { EngineFactory, TrainRequest } from './engine';
import { getEngine, registerEngine } from './registry';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function request(): TrainRequest {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })] });
  const train = arrayDataset({ x: new Float32Array(12), sampleShape: [3], labels: [0, 1, 0, 1], numClasses: 2, oneHot: true });
  return { model, optimizer: createOptimizer('rmsprop'), loss: 'categoricalCrossentropy', train, maxBatch: 2, seed: 0 };
}

describe('the engine rule', () => {
  it('without a native engine: auto skips it silently, wasm reports fused-dense (no wasm backend here), tfjs trains', async () => {
    expect(getEngine('native')).toBeUndefined();
    const auto = await chooseEngine('auto', request());
    expect(auto.engine.info.name).toBe('tfjs');
    expect(auto.fallbacks).toEqual([{ engine: 'fused-dense', reason: expect.stringMatching(/active backend is cpu/) }]);
    await expect(chooseEngine('native', request())).rejects.toThrow(
      /engine 'native' cannot train this model: native: the native engine is not registered here/,
    );
    expect((await chooseEngine('tfjs', request())).fallbacks).toEqual([]);
    expect(() => choosePredictor('native', request().model, 4)).toThrow(/engine 'native' cannot run this model/);
    await expect(chooseEngine('gpu' as never, request())).rejects.toThrow(/engine must be one of auto, native, wasm, tfjs/);
  });

  it('a registered engine is tried first under auto and native, never under wasm or tfjs', async () => {
    let reason: string | null = 'not this model';
    const planned: string[] = [];
    const fake: EngineFactory = {
      name: 'native',
      plan: (r) => {
        planned.push(r.loss);
        if (reason) return reason;
        return { info: { name: 'native', threads: 3, isa: 'test' }, step: () => ({ loss: 0.5, hits: 1 }), sync: () => {}, dispose: () => {} };
      },
    };
    registerEngine(fake);
    const auto = await chooseEngine('auto', request());
    expect(auto.fallbacks[0]).toEqual({ engine: 'native', reason: 'not this model' });
    reason = null;
    expect((await chooseEngine('auto', request())).engine.info).toEqual({ name: 'native', threads: 3, isa: 'test' });
    expect((await chooseEngine('native', request())).engine.info.name).toBe('native');
    planned.length = 0;
    expect((await chooseEngine('wasm', request())).engine.info.name).toBe('tfjs');
    expect((await chooseEngine('tfjs', request())).engine.info.name).toBe('tfjs');
    expect(planned).toEqual([]);
    // fit reports the engine in its result and in an 'engine' event.
    const r = request();
    const events: string[] = [];
    const result = await fit(r.model, r.train, { batchSize: 2, onEvent: (e) => void (e.type === 'engine' && events.push(e.engine.name)) });
    expect(result.engine).toEqual({ name: 'native', threads: 3, isa: 'test' });
    expect(result.stepEngine).toBe('native');
    expect(result.history.loss).toEqual([0.5]);
    expect(events).toEqual(['native']);
  });
});

describe('fit yields to the event loop', () => {
  it('lets a timer fire while a long epoch is still training', async () => {
    const n = 1200;
    const data = arrayDataset({
      x: new Float32Array(n * 32).map((_, i) => (i % 13) / 13),
      sampleShape: [32],
      labels: Int32Array.from({ length: n }, (_, i) => i % 2),
      numClasses: 2,
      oneHot: true,
    });
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [32], units: 64, activation: 'relu' }), tf.layers.dense({ units: 2, activation: 'softmax' })],
    });
    let batchesWhenTimerFired = -1;
    let batches = 0;
    setTimeout(() => (batchesWhenTimerFired = batches), 0);
    await fit(model, data, { batchSize: 8, engine: 'tfjs', onEvent: (e) => void (e.type === 'batch-end' && batches++) });
    expect(batches).toBe(n / 8);
    expect(batchesWhenTimerFired).toBeGreaterThanOrEqual(0);
    expect(batchesWhenTimerFired).toBeLessThan(batches);
    model.dispose();
  });
});
