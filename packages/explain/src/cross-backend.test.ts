/** The same explanation of the same input on cpu and wasm: identical within 1e-4. */
import * as tf from '@tensorflow/tfjs';
import { useBackend, type BackendName } from '@nnlab/core';
import { registerNodeBackends } from '@nnlab/core/node';
import { activationMaps } from './activations';
import { gradCam } from './gradcam';
import { integratedGradients } from './integrated-gradients';
import { saliency, smoothGrad } from './saliency';
import { seededInput, tinyCnn } from './testing/models';

const TOL = 1e-4;

async function explainOn(backend: BackendName, weights?: tf.Tensor[]) {
  await useBackend(backend);
  const model = tinyCnn(16, 3);
  if (weights) model.setWeights(weights);
  const x = seededInput(16 * 16, 21);
  const out = {
    weights: model.getWeights().map((w) => w.clone()),
    cam: (await gradCam(model, x)).cam,
    camFirst: (await gradCam(model, x, { layer: 'conv2d', classIndex: 1 })).cam,
    saliency: (await saliency(model, x)).values,
    smooth: (await smoothGrad(model, x, { samples: 8 })).values,
    ig: (await integratedGradients(model, x, { steps: 8 })).values,
    acts: (await activationMaps(model, x)).flatMap((a) => a.maps.map((m) => Array.from(m))).flat(),
  };
  return out;
}

it('gives the same explanations on cpu and wasm', async () => {
  registerNodeBackends();
  const cpu = await explainOn('cpu');
  const weights = await Promise.all(cpu.weights.map(async (w) => ({ v: await w.data(), s: w.shape })));
  const wasm = await explainOn(
    'wasm',
    weights.map((w) => tf.tensor(w.v, w.s)),
  );
  expect(tf.getBackend()).toBe('wasm');
  for (const key of ['cam', 'camFirst', 'saliency', 'smooth', 'ig', 'acts'] as const) {
    const a = cpu[key];
    const b = wasm[key];
    expect(b.length).toBe(a.length);
    let max = 0;
    for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
    expect({ key, max: max < TOL }).toEqual({ key, max: true });
  }
  expect(Math.max(...cpu.cam)).toBeGreaterThan(0);
});
