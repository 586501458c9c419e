import { DatasetFormatError } from './errors';
import { parseIdx } from './idx';
import { mnistSplitFromIdx } from './mnist-split';
import { makeIdx } from './testing/make-idx';

const imgs = (n: number, r = 28, c = 28) => parseIdx(makeIdx([n, r, c]), { source: 'imgs' });
const labs = (values: number[]) => parseIdx(makeIdx([values.length], Uint8Array.from(values)), { source: 'labs' });
const names = { images: 'imgs.idx', labels: 'labs.idx' };

describe('mnistSplitFromIdx', () => {
  it('pairs images and labels of any size', () => {
    const s = mnistSplitFromIdx(imgs(3, 32, 30), labs([1, 2, 9]), names);
    expect(s.count).toBe(3);
    expect(s.rows).toBe(32);
    expect(s.cols).toBe(30);
    expect(s.images.length).toBe(3 * 32 * 30);
    expect(Array.from(s.labels)).toEqual([1, 2, 9]);
  });

  it('checks that counts agree, naming both files', () => {
    expect(() => mnistSplitFromIdx(imgs(3), labs([1, 2]), names)).toThrow('labs.idx: has 2 labels but imgs.idx has 3 images');
  });

  it('checks counts declared in the headers even when limited', () => {
    const a = parseIdx(makeIdx([5, 2, 2]), { source: 'a', limit: 2 });
    const b = parseIdx(makeIdx([4], Uint8Array.from([0, 1, 2, 3])), { source: 'b', limit: 2 });
    expect(() => mnistSplitFromIdx(a, b, names)).toThrow(/has 4 labels but imgs.idx has 5 images/);
  });

  it('checks labels against numClasses', () => {
    expect(() => mnistSplitFromIdx(imgs(2), labs([3, 10]), names)).toThrow(
      new DatasetFormatError('labs.idx', 'label 10 at index 1 is not below numClasses = 10'),
    );
    expect(() => mnistSplitFromIdx(imgs(2), labs([0, 2]), 'x', { numClasses: 2 })).toThrow(/label 2 at index 1/);
    expect(mnistSplitFromIdx(imgs(2), labs([0, 1]), 'x', { numClasses: 2 }).count).toBe(2);
  });

  it('checks dimensions', () => {
    expect(() => mnistSplitFromIdx(labs([1]), labs([1]), names)).toThrow(/imgs.idx: expected 3 IDX dimensions/);
    expect(() => mnistSplitFromIdx(imgs(1), imgs(1), names)).toThrow(/labs.idx: expected 1 IDX dimension/);
  });
});
