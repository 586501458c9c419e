import { modelToFiles } from '@nnlab/core';
import { buildZooModel, type ModelId } from '@nnlab/models';
import { inferZooId } from './infer-zoo-id';
import { importModel, pickModelFiles } from './model-import';

async function savedAsFiles(id: ModelId, args: { imageSize?: number } = {}, names = ['model.json', 'weights.bin']): Promise<File[]> {
  const model = buildZooModel(id, { seed: 1, ...args });
  const files = await modelToFiles(model);
  model.dispose();
  return [new File([files.modelJson], names[0]), new File([files.weights['weights.bin'] as Uint8Array<ArrayBuffer>], names[1])];
}

describe('inferZooId', () => {
  it.each([
    ['mlp-raw', {}, undefined],
    ['mlp-hog', {}, undefined],
    ['cnn-mnist', {}, 28],
    ['cnn-pneumonia', { imageSize: 64 }, 64],
  ] as const)('recognises %s from its layers', (id, args, imageSize) => {
    const model = buildZooModel(id, args);
    expect(inferZooId(model)).toEqual(imageSize ? { zooId: id, imageSize } : { zooId: id });
    model.dispose();
  });

  it('gives up on shapes the zoo does not have', () => {
    const model = buildZooModel('mlp-raw', { inputSize: 100 } as never);
    expect(inferZooId(model)).toBeUndefined();
    model.dispose();
  });
});

describe('importModel', () => {
  it('loads model.json + weights.bin and recognises the zoo model and its input pipeline', async () => {
    const imported = await importModel(await pickModelFiles(await savedAsFiles('cnn-pneumonia', { imageSize: 32 })));
    expect(imported).toMatchObject({ how: 'shape', entry: { id: 'cnn-pneumonia' }, pipeline: { input: 'xray-image', height: 32, width: 32, scale: 1, sampleShape: [32, 32, 1] } });
    imported.model.dispose();
  });

  it('accepts a renamed weights file when it is the only one', async () => {
    const imported = await importModel(await pickModelFiles(await savedAsFiles('mlp-raw', {}, ['model.json', 'run-42-weights.bin'])));
    expect(imported.entry.id).toBe('mlp-raw');
    imported.model.dispose();
  });

  it('refuses a zoo id that does not fit the model, and a missing weights file', async () => {
    const files = await savedAsFiles('mlp-raw');
    await expect(importModel(await pickModelFiles(files), 'cnn-mnist')).rejects.toThrow(/reads \[784\] but cnn-mnist inputs are \[28, 28, 1\]/);
    await expect(pickModelFiles([files[0]])).rejects.toThrow(/weights file 'weights.bin' was not picked/);
    await expect(pickModelFiles([files[1]])).rejects.toThrow(/pick model.json together with its weights file/);
  });
});
