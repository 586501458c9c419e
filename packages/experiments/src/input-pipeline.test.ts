import { COURSE_HOG_OPTIONS, hog, resolveHogOptions } from '@nnlab/features-hog';
import { inputPipelineFor, prepareImage } from './input-pipeline';

describe('inputPipelineFor', () => {
  it('describes what each input kind reads', () => {
    expect(inputPipelineFor({ input: 'mnist-pixels' })).toMatchObject({ height: 28, width: 28, scale: 1 / 255, sampleSize: 784, sampleShape: [784] });
    expect(inputPipelineFor({ input: 'mnist-image' }, { imageSize: 32 })).toMatchObject({ height: 32, sampleShape: [32, 32, 1] });
    expect(inputPipelineFor({ input: 'mnist-hog' })).toMatchObject({ sampleShape: [392], hog: resolveHogOptions(COURSE_HOG_OPTIONS) });
    expect(inputPipelineFor({ input: 'mnist-hog' }, { hog: { orientations: 9 } }).sampleShape).toEqual([441]);
    expect(inputPipelineFor({ input: 'xray-image' })).toMatchObject({ height: 128, scale: 1, sampleShape: [128, 128, 1] });
    expect(() => inputPipelineFor({ input: 'audio' as never, id: 'x' })).toThrow(/model 'x' has an unknown input kind 'audio'/);
  });
});

describe('prepareImage', () => {
  const gray = Float32Array.from({ length: 28 * 28 }, (_, i) => i % 256);

  it('scales MNIST pixels to [0, 1] and keeps X-rays at 0–255', () => {
    const px = prepareImage(inputPipelineFor({ input: 'mnist-pixels' }), gray, 28, 28);
    expect(px[300]).toBeCloseTo((300 % 256) / 255, 6);
    const xr = prepareImage(inputPipelineFor({ input: 'xray-image' }, { imageSize: 28 }), gray, 28, 28);
    expect(xr[300]).toBe(300 % 256);
  });

  it('inverts first when asked, and resizes to the model size (bilinear)', () => {
    const inv = prepareImage(inputPipelineFor({ input: 'mnist-pixels' }), gray, 28, 28, { invert: true });
    expect(inv[0]).toBeCloseTo(1, 6);
    const flat = new Float32Array(14 * 14).fill(100);
    const up = prepareImage(inputPipelineFor({ input: 'xray-image' }, { imageSize: 28 }), flat, 14, 14);
    expect(up).toHaveLength(784);
    expect(Array.from(new Set(up))).toEqual([100]);
  });

  it('HOG of the [0, 1] image for mlp-hog, equal to hog() itself', () => {
    const p = inputPipelineFor({ input: 'mnist-hog' });
    const unit = Float32Array.from(gray, (v) => Math.fround(v / 255));
    expect(Array.from(prepareImage(p, gray, 28, 28))).toEqual(Array.from(hog(unit, 28, 28, p.hog!)));
  });

  it('writes into `out` and refuses a pixel count that does not match the size', () => {
    const out = new Float32Array(784);
    expect(prepareImage(inputPipelineFor({ input: 'mnist-pixels' }), gray, 28, 28, { out })).toBe(out);
    expect(() => prepareImage(inputPipelineFor({ input: 'mnist-pixels' }), gray, 27, 28)).toThrow(/784 pixels for a 27×28 image/);
  });
});
