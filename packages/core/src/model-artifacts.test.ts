import * as tf from '@tensorflow/tfjs';
import { modelFromFiles, modelToFiles } from './model-artifacts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('modelToFiles / modelFromFiles', () => {
  it("round-trips the weights and the model's userDefinedMetadata (nnlab stores the spec and class names there)", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelInitializer: 'ones' })] });
    const meta = { nnlab: { spec: { format: 'nnlab-model-spec', version: 1, layers: [] }, classNames: ['a', 'b'] } };
    model.setUserDefinedMetadata(meta);
    const files = await modelToFiles(model);
    expect(JSON.parse(files.modelJson).userDefinedMetadata).toEqual(meta);
    const back = await modelFromFiles(files, 'test');
    expect(back.getUserDefinedMetadata()).toEqual(meta);
    expect(Array.from(back.getWeights()[0].dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
    model.dispose();
    back.dispose();
  });

  it('writes no userDefinedMetadata key for a model without one', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    expect(JSON.parse((await modelToFiles(model)).modelJson)).not.toHaveProperty('userDefinedMetadata');
    model.dispose();
  });
});
