import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_FILES, knownFile, MNIST_FILE_NAMES, PNEUMONIAMNIST_FILE_NAME, PNEUMONIAMNIST_OFFICIAL_FILE_NAME } from './known-files';

const DATA = join(__dirname, '../../../data');

describe('KNOWN_FILES', () => {
  it('has exactly the SHA-256 values of data/SHA256SUMS', () => {
    const sums = Object.fromEntries(
      readFileSync(join(DATA, 'SHA256SUMS'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/).reverse()),
    );
    const table = Object.fromEntries(
      Object.values(KNOWN_FILES)
        .filter((f) => f.sha256)
        .map((f) => [f.name, f.sha256]),
    );
    expect(table).toEqual(sums);
  });

  it('has the vendored sizes and keys by name', () => {
    for (const f of Object.values(KNOWN_FILES)) {
      expect(KNOWN_FILES[f.name]).toBe(f);
      if (f.bytes !== undefined) expect(readFileSync(join(DATA, f.name)).length).toBe(f.bytes);
    }
  });

  it('lists MNIST mirrors in order and the official PneumoniaMNIST MD5', () => {
    expect(knownFile(MNIST_FILE_NAMES.trainLabels)?.urls).toEqual([
      'https://storage.googleapis.com/cvdf-datasets/mnist/train-labels-idx1-ubyte.gz',
      'https://ossci-datasets.s3.amazonaws.com/mnist/train-labels-idx1-ubyte.gz',
    ]);
    expect(knownFile(PNEUMONIAMNIST_FILE_NAME)?.alternatives).toEqual([PNEUMONIAMNIST_OFFICIAL_FILE_NAME]);
    expect(knownFile(PNEUMONIAMNIST_OFFICIAL_FILE_NAME)?.md5).toBe('28209eda62fecd6e6a2d98b1501bb15f');
    expect(knownFile('toString')).toBeUndefined();
  });
});
