import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeIdx } from '../testing/make-idx';
import { loadMnist } from './load-mnist';

const offline = { env: {}, download: false, cacheDir: '/nonexistent-nnlab-cache' };

describe('loadMnist', () => {
  it('loads the vendored MNIST, verified, with the published class counts', async () => {
    // the one test in the suite that reads all 60 000 training images
    const m = await loadMnist(offline);
    expect(m.files.map((f) => [f.name, f.origin, f.verified])).toEqual([
      ['mnist/train-images-idx3-ubyte.gz', 'vendored', true],
      ['mnist/train-labels-idx1-ubyte.gz', 'vendored', true],
      ['mnist/t10k-images-idx3-ubyte.gz', 'vendored', true],
      ['mnist/t10k-labels-idx1-ubyte.gz', 'vendored', true],
    ]);
    expect([m.train.count, m.train.rows, m.train.cols, m.test.count]).toEqual([60000, 28, 28, 10000]);
    expect(m.train.images.length).toBe(60000 * 784);
    const counts = new Array(10).fill(0);
    for (const y of m.train.labels) counts[y]++;
    expect(counts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    // the first training image is a 5 with the well-known sum of pixel values
    expect(m.train.labels[0]).toBe(5);
    expect(m.train.images.subarray(0, 784).reduce((a, b) => a + b, 0)).toBe(27525);
  });

  it('reads a quick subset with limit', async () => {
    const m = await loadMnist({ ...offline, limit: { train: 100, test: 10 } });
    expect([m.train.count, m.test.count, m.train.images.length]).toEqual([100, 10, 78400]);
    expect(m.train.labels[0]).toBe(5);
  });

  it('loads Fashion-MNIST-style files from an explicit folder, raw or gzip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlab-fashion-'));
    try {
      writeFileSync(join(dir, 'train-images-idx3-ubyte'), makeIdx([3, 28, 28]));
      writeFileSync(join(dir, 'train-labels-idx1-ubyte'), makeIdx([3], Uint8Array.from([9, 0, 0])));
      writeFileSync(join(dir, 't10k-images-idx3-ubyte'), makeIdx([2, 28, 28]));
      writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), makeIdx([2], Uint8Array.from([9, 2])));
      const m = await loadMnist({ ...offline, dir });
      expect(m.files.every((f) => f.origin === 'explicit' && !f.verified)).toBe(true);
      expect([m.train.count, m.test.count]).toEqual([3, 2]);
      writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), makeIdx([3], Uint8Array.from([9, 2, 1])));
      await expect(loadMnist({ ...offline, dir })).rejects.toThrow(/t10k-labels-idx1-ubyte: has 3 labels but .*t10k-images-idx3-ubyte has 2 images/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
