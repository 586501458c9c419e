import { hogBatchParallel } from './hog-batch-parallel';
import { hogBatch } from '../hog';
import { COURSE_HOG_OPTIONS } from '../hog-options';
import { HogInputError } from '../errors';
import { readImages, readIndex } from '../testing/fixtures';

const index = readIndex();
const mnist = readImages(index, 'mnist');

describe('hogBatchParallel', () => {
  it('equals hogBatch bit for bit with 2 threads (uint8 and float32 input)', async () => {
    const n = mnist.count;
    const expected = hogBatch(mnist.data, n, 28, 28, COURSE_HOG_OPTIONS);
    const got = await hogBatchParallel(mnist.data, n, 28, 28, COURSE_HOG_OPTIONS, { threads: 2, minImagesPerThread: 10 });
    expect(got).toEqual(expected);
    const f = Float32Array.from(mnist.data, (x) => x / 255);
    const out = new Float32Array(expected.length);
    const got2 = await hogBatchParallel(f, n, 28, 28, COURSE_HOG_OPTIONS, { threads: 2, minImagesPerThread: 10, out });
    expect(got2).toBe(out);
    expect(out).toEqual(expected);
  });

  it('runs small batches on the calling thread', async () => {
    const got = await hogBatchParallel(mnist.data.subarray(0, 3 * 784), 3, 28, 28, { orientations: 9, pixelsPerCell: 7, cellsPerBlock: 2 });
    expect(got).toEqual(hogBatch(mnist.data.subarray(0, 3 * 784), 3, 28, 28, { orientations: 9, pixelsPerCell: 7, cellsPerBlock: 2 }));
  });

  it('validates its arguments', async () => {
    await expect(hogBatchParallel(mnist.data, 3, 28, 28)).rejects.toThrow(HogInputError);
    await expect(hogBatchParallel(mnist.data.subarray(0, 784), 1, 28, 28, {}, { threads: 0 })).rejects.toThrow(/parallel\.threads/);
  });
});
