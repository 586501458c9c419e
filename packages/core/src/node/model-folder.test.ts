import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelFormatError } from '../errors';
import { loadModelFromDir, saveModelToDir, saveModelToNewDir } from './model-folder';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-model-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function smallModel() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })] });
}

describe('model folders', () => {
  it('round-trips through tf.loadLayersModel to the same predictions', async () => {
    const m = smallModel();
    await saveModelToDir(m, join(dir, 'm'));
    const back = await loadModelFromDir(join(dir, 'm'));
    const x = tf.tensor2d([[0.1, 0.2, 0.3]]);
    expect(Array.from((back.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((m.predict(x) as tf.Tensor).dataSync()));
    expect(JSON.parse(readFileSync(join(dir, 'm', 'model.json'), 'utf8')).weightsManifest[0].paths).toEqual(['weights.bin']);
  });

  it('saveModelToNewDir leaves no temp folder and refuses an existing target', async () => {
    await saveModelToNewDir(smallModel(), join(dir, 'new'));
    await expect(loadModelFromDir(join(dir, 'new'))).resolves.toBeDefined();
    await expect(saveModelToNewDir(smallModel(), join(dir, 'new'))).rejects.toThrow();
  });

  it('refuses weights paths outside the folder', async () => {
    await saveModelToDir(smallModel(), join(dir, 'm'));
    const jsonPath = join(dir, 'm', 'model.json');
    for (const bad of ['../secret.bin', '/etc/passwd', 'a/../../x.bin', 'C:\\x.bin', 'http://example.com/w.bin']) {
      const j = JSON.parse(readFileSync(jsonPath, 'utf8'));
      j.weightsManifest[0].paths = [bad];
      writeFileSync(jsonPath, JSON.stringify(j));
      const err = await loadModelFromDir(join(dir, 'm')).catch((e) => e);
      expect(err).toBeInstanceOf(ModelFormatError);
      expect(err.message).toMatch(/points outside the model folder/);
    }
  });

  it('refuses truncated weights, naming the file and byte counts', async () => {
    await saveModelToDir(smallModel(), join(dir, 'm'));
    truncateSync(join(dir, 'm', 'weights.bin'), 10);
    await expect(loadModelFromDir(join(dir, 'm'))).rejects.toThrow(/model\.json: weights hold 10 bytes but the manifest describes 32/);
  });

  it('explains a missing folder, a missing model.json and invalid JSON', async () => {
    await expect(loadModelFromDir(join(dir, 'nope'))).rejects.toThrow(/nope: no such file or folder/);
    await expect(loadModelFromDir(dir)).rejects.toThrow(/no model\.json in this folder/);
    writeFileSync(join(dir, 'model.json'), '{oops');
    await expect(loadModelFromDir(dir)).rejects.toThrow(/model\.json: not valid JSON/);
  });
});
