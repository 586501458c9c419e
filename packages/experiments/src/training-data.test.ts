import type { SourceData, StreamedImageSplit } from './data-source';
import { inputPipelineFor } from './input-pipeline';
import type { ImageSplit } from './mnist-data';
import { prepareTrainingData } from './training-data';

const NAMES = ['a', 'b'];

function split(count: number, side: number, label: (i: number) => number): ImageSplit {
  const images = new Uint8Array(count * side * side);
  for (let i = 0; i < images.length; i++) images[i] = (i * 7) % 256;
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => label(i)), count, rows: side, cols: side };
}

const read = async (
  d: { size: number; sampleShape: readonly number[]; targetShape: readonly number[]; read: (i: number[], x: Float32Array, y: Float32Array) => unknown },
  i: number,
) => {
  const x = new Float32Array(d.sampleShape.reduce((a, b) => a * b, 1));
  const y = new Float32Array(d.targetShape.reduce((a, b) => a * b, 1));
  await d.read([i], x, y);
  return { x, y };
};

describe('prepareTrainingData', () => {
  const source = (extra: Partial<SourceData> = {}): SourceData => ({
    name: 'toy',
    description: 'toy',
    files: [],
    train: split(20, 4, (i) => (i < 15 ? 0 : 1)),
    test: split(6, 4, (i) => i % 2),
    ...extra,
  });

  it('pixels scaled to [0, 1], Keras validation_split from the tail, class counts of every split', async () => {
    const pipeline = inputPipelineFor({ input: 'mnist-pixels' });
    const s = source({ train: split(20, 28, (i) => i % 2), test: split(4, 28, () => 1) });
    const d = await prepareTrainingData(s, { pipeline, classNames: NAMES, validationSplit: 0.25, seed: 0, classWeights: false });
    expect(d.train.size).toBe(15);
    expect(d.validation!.size).toBe(5);
    expect(d.validationSource).toBe('split');
    expect(d.classBalance).toEqual({ train: { a: 10, b: 10 }, test: { a: 0, b: 4 } });
    const { x } = await read(d.train, 1);
    expect(x[0]).toBeCloseTo((s.train as ImageSplit).images[784] / 255, 6);
    expect(d.classWeights).toBeUndefined();
  });

  it("images resized to the model's side (X-rays keep 0–255), stratified validation, balanced class weights", async () => {
    const pipeline = inputPipelineFor({ input: 'xray-image' }, { imageSize: 8 });
    const d = await prepareTrainingData(source(), { pipeline, classNames: NAMES, validationSplit: 0, valFromTrain: 0.2, seed: 3, classWeights: true });
    expect(d.train.sampleShape).toEqual([8, 8, 1]);
    expect(d.validation!.size).toBe(4); // 3 of class a, 1 of class b
    expect(d.classBalance.validation).toEqual({ a: 3, b: 1 });
    expect(d.classBalance.train).toEqual({ a: 12, b: 4 });
    expect(d.classWeights).toEqual([16 / (2 * 12), 16 / (2 * 4)]);
    const { x } = await read(d.test, 0);
    expect(Math.max(...x)).toBeGreaterThan(1);
  });

  it("uses the data's own validation split, and reads streamed splits (folders) at the model size", async () => {
    const labels = Uint8Array.from([0, 1, 1]);
    const streamed: StreamedImageSplit = {
      count: 3,
      rows: 8,
      cols: 8,
      labels,
      readBatch: async (idx) => Float32Array.from({ length: idx.length * 64 }, (_, j) => Math.floor(j / 64) + 100),
    };
    const pipeline = inputPipelineFor({ input: 'xray-image' }, { imageSize: 8 });
    const d = await prepareTrainingData(source({ train: streamed, validation: streamed, test: streamed }), {
      pipeline,
      classNames: NAMES,
      validationSplit: 0.1,
      seed: 0,
      classWeights: false,
    });
    expect(d.validationSource).toBe('data');
    expect(d.validation!.size).toBe(3);
    const { x, y } = await read(d.train, 2);
    expect(x[0]).toBe(100);
    expect(y[0]).toBe(1);
    const wrongSize = inputPipelineFor({ input: 'xray-image' }, { imageSize: 16 });
    await expect(
      prepareTrainingData(source({ train: streamed, test: streamed }), {
        pipeline: wrongSize,
        classNames: NAMES,
        validationSplit: 0,
        seed: 0,
        classWeights: false,
      }),
    ).rejects.toThrow(/8×8 images do not match the model's 16×16/);
  });

  it('HOG features through the injected computer, keyed by the images file', async () => {
    const pipeline = inputPipelineFor({ input: 'mnist-hog' });
    const s = source({
      train: split(4, 28, (i) => i % 2),
      test: split(2, 28, () => 0),
      files: [{ name: 'train-images-idx3-ubyte.gz', sha256: 'abc', origin: 'test' }],
    });
    const asked: (string | undefined)[] = [];
    const d = await prepareTrainingData(s, {
      pipeline,
      classNames: NAMES,
      validationSplit: 0,
      seed: 0,
      classWeights: false,
      hog: async (r) => {
        asked.push(r.imagesSha256);
        return { features: new Float32Array(r.split.count * 392).fill(0.5), length: 392, cached: true, key: `k-${r.splitName}` };
      },
    });
    expect(asked).toEqual(['abc', undefined]);
    expect(d.train.sampleShape).toEqual([392]);
    expect(d.options.featureCacheKeys).toEqual(['k-train', 'k-test']);
  });
});
