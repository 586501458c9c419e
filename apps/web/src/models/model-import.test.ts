import { modelToFiles } from '@nnlab/core';
import { buildZooModel, getZooEntry, setModelMetadata, type ModelId } from '@nnlab/models';
import { importModel, pickModelFiles } from './model-import';

async function savedAsFiles(id: ModelId, args: { imageSize?: number } = {}, names = ['model.json', 'weights.bin']): Promise<File[]> {
  const model = buildZooModel(id, { seed: 1, ...args });
  const files = await modelToFiles(model);
  model.dispose();
  return [new File([files.modelJson], names[0]), new File([files.weights['weights.bin'] as Uint8Array<ArrayBuffer>], names[1])];
}

describe('importModel', () => {
  it('takes the zoo id from the model metadata before its shapes', async () => {
    // A model saved with its spec in model.json's metadata is identified by it, not by its shapes.
    const model = buildZooModel('mlp-raw', { seed: 1 });
    setModelMetadata(model, getZooEntry('mlp-raw').spec);
    const files = await modelToFiles(model);
    model.dispose();
    const picked = [new File([files.modelJson], 'model.json'), new File([files.weights['weights.bin'] as Uint8Array<ArrayBuffer>], 'weights.bin')];
    const imported = await importModel(await pickModelFiles(picked));
    expect(imported).toMatchObject({ how: 'metadata', entry: { id: 'mlp-raw' } });
    imported.model.dispose();
  });

  it('loads model.json + weights.bin and recognises the zoo model and its input pipeline', async () => {
    const imported = await importModel(await pickModelFiles(await savedAsFiles('cnn-pneumonia', { imageSize: 32 })));
    expect(imported).toMatchObject({
      how: 'shape',
      entry: { id: 'cnn-pneumonia' },
      pipeline: { input: 'xray-image', height: 32, width: 32, scale: 1, sampleShape: [32, 32, 1] },
    });
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
