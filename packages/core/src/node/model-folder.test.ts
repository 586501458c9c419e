import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
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
    await expect(loadModelFromDir(join(dir, 'm'))).rejects.toThrow(/weights\.bin: holds 10 bytes, expected 32: the manifest in model\.json describes 32 bytes/);
  });

  it('explains a missing folder, a missing model.json and invalid JSON', async () => {
    await expect(loadModelFromDir(join(dir, 'nope'))).rejects.toThrow(/nope: no such file or folder/);
    await expect(loadModelFromDir(dir)).rejects.toThrow(/no model\.json in this folder/);
    writeFileSync(join(dir, 'model.json'), '{oops');
    await expect(loadModelFromDir(dir)).rejects.toThrow(/model\.json: not valid JSON/);
  });

  it('reads only regular files: a weights file or model.json that is a device or a FIFO is refused at once', async () => {
    await saveModelToDir(smallModel(), join(dir, 'm'));
    const w = join(dir, 'm', 'weights.bin');
    rmSync(w);
    symlinkSync('/dev/zero', w);
    await expect(loadModelFromDir(join(dir, 'm'))).rejects.toThrow(/weights\.bin.*(outside the model folder|is a device)/);
    rmSync(w);
    execFileSync('mkfifo', [w]);
    await expect(loadModelFromDir(join(dir, 'm'))).rejects.toThrow(/weights\.bin: is a FIFO \(named pipe\), not a file/);
    const j = join(dir, 'm', 'model.json');
    rmSync(j);
    symlinkSync('/dev/zero', j);
    await expect(loadModelFromDir(join(dir, 'm'))).rejects.toThrow(/model\.json: is a device, not a file/);
  });

  it('refuses weights larger than the manifest describes without reading them', async () => {
    await saveModelToDir(smallModel(), join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'weights.bin'), new Uint8Array(1 << 20));
    await expect(loadModelFromDir(join(dir, 'm'))).rejects.toThrow(/weights\.bin: is 1\.0 MiB, more than the 32 bytes nnlab reads/);
  });

  it('turns what tfjs cannot build (unknown layer or activation, bad units) into a ModelFormatError naming model.json', async () => {
    const edits: [string, (layer: { class_name: string; config: Record<string, unknown> }) => void][] = [
      ['unknown layer', (l) => (l.class_name = 'NoSuchLayer')],
      ['unknown activation', (l) => (l.config.activation = 'nosuchactivation')],
      ['bad units', (l) => (l.config.units = -3)],
      ['string units', (l) => (l.config.units = 'ten')],
    ];
    for (const [what, edit] of edits) {
      await saveModelToDir(smallModel(), join(dir, what));
      const jsonPath = join(dir, what, 'model.json');
      const j = JSON.parse(readFileSync(jsonPath, 'utf8'));
      edit(j.modelTopology.config.layers[0]);
      writeFileSync(jsonPath, JSON.stringify(j));
      const err = await loadModelFromDir(join(dir, what)).catch((e) => e);
      expect([what, err]).toEqual([what, expect.any(ModelFormatError)]);
      expect(err.message).toContain(jsonPath);
      expect(err.message).not.toContain('\n');
    }
  });

  it('refuses NaN and infinite weights, naming the weight', async () => {
    await saveModelToDir(smallModel(), join(dir, 'm'));
    const w = join(dir, 'm', 'weights.bin');
    const bytes = readFileSync(w);
    new DataView(bytes.buffer, bytes.byteOffset).setFloat32(8, NaN, true);
    writeFileSync(w, bytes);
    await expect(loadModelFromDir(join(dir, 'm'))).rejects.toThrow(/weight '.*kernel' holds NaN at index 2/);
    new DataView(bytes.buffer, bytes.byteOffset).setFloat32(8, Infinity, true);
    writeFileSync(w, bytes);
    await expect(loadModelFromDir(join(dir, 'm'))).rejects.toThrow(/holds Infinity/);
  });
});
