import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import expected from './__fixtures__/npz/expected.json';
import { parseNpz } from './npz';
import { pneumoniaMnistFromNpz } from './pneumonia-mnist';

const tiny = new Uint8Array(readFileSync(join(__dirname, '__fixtures__/npz/pneumonia-tiny.npz')));

describe('pneumoniaMnistFromNpz', () => {
  it('builds train/val/test from the official keys', () => {
    const p = pneumoniaMnistFromNpz(tiny, 'tiny.npz');
    for (const split of ['train', 'val', 'test'] as const) {
      const want = expected.pneumoniaTiny[split];
      const s = p[split];
      expect([s.count, s.rows, s.cols]).toEqual([want.count, 28, 28]);
      expect(Array.from(s.labels)).toEqual(want.labels);
      const sums = Array.from({ length: s.count }, (_, i) => s.images.subarray(i * 784, (i + 1) * 784).reduce((a, b) => a + b, 0));
      expect(sums).toEqual(want.imageSums);
    }
  });

  it('accepts parsed arrays and checks keys, shapes, counts and labels', () => {
    const arrays = parseNpz(tiny, 'tiny.npz');
    expect(pneumoniaMnistFromNpz(arrays, 'tiny.npz').val.count).toBe(2);
    const { val_labels: _drop, ...rest } = arrays;
    expect(() => pneumoniaMnistFromNpz(rest, 't.npz')).toThrow(/^t.npz: missing array\(s\) val_labels; found /);
    expect(() => pneumoniaMnistFromNpz({ ...arrays, test_labels: arrays.train_labels }, 't.npz')).toThrow('t.npz:test_labels: has 6 labels for 3 images');
    const bad = { ...arrays, train_labels: { ...arrays.train_labels, data: Uint8Array.from(arrays.train_labels.data, () => 2) } };
    expect(() => pneumoniaMnistFromNpz(bad, 't.npz')).toThrow('t.npz:train_labels: label 2 at index 0 is not 0 or 1');
    expect(() => pneumoniaMnistFromNpz(zipSync({ 'x.npy': new Uint8Array(0) }), 'z.npz')).toThrow(/^z.npz: missing array\(s\) train_images, /);
  });

  it('reads the vendored file with the official split and class counts', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../data/pneumoniamnist/pneumoniamnist_reassembled.npz')));
    const p = pneumoniaMnistFromNpz(bytes, 'pneumoniamnist_reassembled.npz');
    const classCounts = (l: Uint8Array) => [l.length - l.reduce((a, b) => a + b, 0), l.reduce((a, b) => a + b, 0)];
    expect(classCounts(p.train.labels)).toEqual([1214, 3494]);
    expect(classCounts(p.val.labels)).toEqual([135, 389]);
    expect(classCounts(p.test.labels)).toEqual([234, 390]);
    expect(p.train.images.length).toBe(4708 * 784);
    expect(Array.from(p.train.images.subarray(14 * 28 + 10, 14 * 28 + 15))).toEqual([196, 200, 199, 198, 197]);
  });
});
