import { gzipSync } from 'fflate';
import { loadMnistFromBytes } from './mnist-from-bytes';
import { makeIdx } from './testing/make-idx';

describe('loadMnistFromBytes', () => {
  const bytes = {
    trainImages: gzipSync(makeIdx([6, 28, 28])),
    trainLabels: makeIdx([6], Uint8Array.from([0, 1, 2, 3, 4, 5])),
    testImages: makeIdx([2, 28, 28]),
    testLabels: gzipSync(makeIdx([2], Uint8Array.from([9, 8]))),
  };

  it('parses the four files, raw or gzip', () => {
    const m = loadMnistFromBytes(bytes);
    expect([m.train.count, m.test.count]).toEqual([6, 2]);
    expect(Array.from(m.test.labels)).toEqual([9, 8]);
  });

  it('applies limits per split', () => {
    const m = loadMnistFromBytes(bytes, { limit: { train: 4 } });
    expect([m.train.count, m.test.count]).toEqual([4, 2]);
    expect(m.train.images.length).toBe(4 * 784);
    expect(loadMnistFromBytes(bytes, { limit: 1 }).test.count).toBe(1);
  });

  it('names the file in errors', () => {
    expect(() => loadMnistFromBytes({ ...bytes, testLabels: makeIdx([2], Uint8Array.from([9, 10])) })).toThrow(
      /^mnist\/t10k-labels-idx1-ubyte.gz: label 10 at index 1/,
    );
    expect(() => loadMnistFromBytes(bytes, { sources: { trainImages: 'my/train.gz' }, numClasses: 3 })).toThrow(/^mnist\/train-labels-idx1-ubyte.gz: label 3/);
  });
});
