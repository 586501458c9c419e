import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import sharp from 'sharp';
import reference from '../__fixtures__/chest-xray-reference.json';
import { DatasetFormatError } from '../errors';
import { resizeBilinear } from '../resize-bilinear';
import { pngClaiming } from '../testing/make-png';
import { openImageFolder } from './image-folder';
import { openChestXray } from './open-chest-xray';

// 95 images of the Kaggle set (train 40/40, test 12/3); outside the repository, so these tests are
// skipped (with the reason in their name) where it is absent.
const SAMPLE = process.env.NNLAB_CHEST_XRAY_SAMPLE ?? '/work/shared/data/chest_xray_sample';
const onSample = existsSync(SAMPLE) ? describe : describe.skip;

onSample(`openChestXray on the shared sample${existsSync(SAMPLE) ? '' : ' (skipped: no sample at ' + SAMPLE + ')'}`, () => {
  it('lists splits, classes and files like Keras, decoding nothing', async () => {
    const f = await openChestXray(SAMPLE, { imageSize: [32, 24] });
    expect(f.layout).toBe('splits');
    expect(Object.keys(f.splits)).toEqual(['train', 'test']);
    const train = f.splits.train!;
    const test = f.splits.test!;
    expect([train.count, train.classCounts]).toEqual([80, [40, 40]]);
    expect([test.count, test.classCounts]).toEqual([15, [12, 3]]);
    expect(Array.from(test.labels)).toEqual([...new Array(12).fill(0), 1, 1, 1]);
    expect(f.skipped).toEqual([]);
    const rel = test.files.map((p) => relative(SAMPLE, p));
    // class by class, files sorted by code point (uppercase before lowercase, like Python's sorted)
    expect(rel.slice(0, 12)).toEqual([...rel.slice(0, 12)].sort());
    expect(rel[12].startsWith('test/PNEUMONIA/')).toBe(true);
    expect(f.cacheStats().misses).toBe(0);
  });

  it('decodes to grayscale and resizes like decode_image(channels=1) + tf.image.resize', async () => {
    const f = await openChestXray(SAMPLE, { imageSize: [32, 24] });
    for (const img of reference.images) {
      const split = f.splits[img.file.startsWith('train/') ? 'train' : 'test']!;
      const index = split.files.indexOf(join(SAMPLE, img.file));
      expect(index).toBeGreaterThanOrEqual(0);
      const out = await split.readBatch([index]);
      expect(out.length).toBe(32 * 24);
      let maxErr = 0;
      for (let i = 0; i < out.length; i++) maxErr = Math.max(maxErr, Math.abs(out[i] - img.out[i]));
      // sharp's decoder agrees with libjpeg-turbo (PIL); for a 3-component JPEG the luma recomputed
      // from RGB could differ from libjpeg's Y by 1 in general — this one's colour is gray, so exact
      expect(maxErr).toBeLessThan(1e-3);
    }
  });

  it('reads batches in the order given, rescaled, with an LRU cache', async () => {
    const f = await openChestXray(SAMPLE, { imageSize: [16, 16], rescale: 1 / 255, cacheBytes: 16 * 16 * 4 * 10 });
    const test = f.splits.test!;
    const all = await test.readBatch(Array.from({ length: 15 }, (_, i) => i));
    expect(all.length).toBe(15 * 256);
    expect(Math.max(...all)).toBeLessThanOrEqual(1);
    expect(Math.max(...all)).toBeGreaterThan(0.5);
    const again = await test.readBatch(Uint32Array.from([14, 3]));
    expect(Array.from(again.subarray(0, 256))).toEqual(Array.from(all.subarray(14 * 256, 15 * 256)));
    expect(Array.from(again.subarray(256))).toEqual(Array.from(all.subarray(3 * 256, 4 * 256)));
    const stats = f.cacheStats();
    expect(stats.entries).toBe(10);
    expect(stats.bytes).toBe(10 * 1024);
    expect(stats.hits).toBe(1); // 14 was among the last ten decoded, 3 had been evicted
    await expect(test.readBatch([15])).rejects.toThrow('readBatch: indices [0] = 15 is not an index below 15 (split test)');
  });
});

describe('openImageFolder on generated files', () => {
  let root: string;
  const put = (rel: string, bytes: Uint8Array | string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), bytes);
    return join(root, rel);
  };
  const gray = (w: number, h: number, f: (i: number) => number) => Buffer.from(Uint8Array.from({ length: w * h }, (_, i) => f(i)));

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'nnlab-images-'));
    const png = await sharp(
      gray(4, 4, (i) => i * 16),
      { raw: { width: 4, height: 4, channels: 1 } },
    )
      .png()
      .toBuffer();
    put('normal/b.png', png);
    put('normal/Z.png', png);
    put('normal/sub/a.png', png);
    put('normal/notes.txt', 'not an image');
    put('normal/fake.jpg', 'text in disguise');
    put('normal/old.bmp', Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]));
    const rgb = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    put(
      'Pneumonia/rgb.png',
      await sharp(rgb, { raw: { width: 2, height: 2, channels: 3 } })
        .png()
        .toBuffer(),
    );
    const jpeg = await sharp(
      gray(64, 64, (i) => i % 256),
      { raw: { width: 64, height: 64, channels: 1 } },
    )
      .jpeg()
      .toBuffer();
    put('Pneumonia/trunc.jpeg', jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    put('Pneumonia/giant.png', pngClaiming(100000, 100000));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('matches class folders case-insensitively, walks like os.walk, skips and reports non-images', async () => {
    const f = await openChestXray(root, { imageSize: [2, 2] });
    expect(f.layout).toBe('classes');
    const s = f.splits.train!;
    expect(s.files.map((p) => relative(root, p))).toEqual([
      'normal/Z.png',
      'normal/b.png',
      'normal/sub/a.png',
      'Pneumonia/giant.png',
      'Pneumonia/rgb.png',
      'Pneumonia/trunc.jpeg',
    ]);
    expect(Array.from(s.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(s.skipped.map((k) => [relative(root, k.path), k.reason])).toEqual([
      ['normal/notes.txt', 'extension'],
      ['normal/fake.jpg', 'content'],
      ['normal/old.bmp', 'unsupported'],
    ]);
  });

  it('verify: decodes every image while opening and leaves out (naming) those that do not decode', async () => {
    const f = await openChestXray(root, { imageSize: [2, 2], verify: true, maxPixels: 1_000_000 });
    const s = f.splits.train!;
    expect(s.files.map((p) => relative(root, p))).toEqual(['normal/Z.png', 'normal/b.png', 'normal/sub/a.png', 'Pneumonia/rgb.png']);
    expect(Array.from(s.labels)).toEqual([0, 0, 0, 1]);
    expect(s.classCounts).toEqual([3, 1]);
    const corrupt = s.skipped.filter((k) => k.reason === 'corrupt');
    expect(corrupt.map((k) => relative(root, k.path))).toEqual(['Pneumonia/giant.png', 'Pneumonia/trunc.jpeg']);
    expect(corrupt[0].problem).toMatch(/more than maxPixels/);
    expect(corrupt[1].problem).toMatch(/cannot decode the image/);
    await expect(s.readBatch([0, 1, 2, 3])).resolves.toHaveLength(16);
  });

  it('resizes with TF bilinear semantics and converts colour with BT.601 luma', async () => {
    const f = await openChestXray(root, { imageSize: [2, 2] });
    const s = f.splits.train!;
    const px = await s.readBatch([0, 4]);
    const want = resizeBilinear(
      gray(4, 4, (i) => i * 16),
      4,
      4,
      2,
      2,
    );
    expect(Array.from(px.subarray(0, 4))).toEqual(Array.from(want));
    const luma = [255 * 0.299, 255 * 0.587, 255 * 0.114, 0.299 * 10 + 0.587 * 20 + 0.114 * 30].map(Math.round);
    expect(Array.from(px.subarray(4))).toEqual(luma);
  });

  it('reduces 16-bit grayscale to its high byte', async () => {
    const v16 = Uint16Array.from([0, 4000, 40000, 65535]);
    const png16 = await sharp(v16, { raw: { width: 2, height: 2, channels: 1 } })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    put('normal/deep.png', png16);
    const s = (await openChestXray(root, { imageSize: [2, 2] })).splits.train!;
    const k = s.files.indexOf(join(root, 'normal/deep.png'));
    expect(Array.from(await s.readBatch([k]))).toEqual([0, 15, 156, 255]);
  });

  it('refuses a header claiming 100000×100000 before decoding, and names corrupt files', async () => {
    const s = (await openChestXray(root, { imageSize: [2, 2] })).splits.train!;
    const giant = await s.readBatch([3]).catch((e) => e);
    expect(giant).toBeInstanceOf(DatasetFormatError);
    expect(giant.message).toBe(
      `${join(root, 'Pneumonia/giant.png')}: image header claims 100000×100000 = 10000000000 pixels, more than maxPixels = 64000000; not decoded`,
    );
    const trunc = await s.readBatch([0, 5]).catch((e) => e);
    expect(trunc).toBeInstanceOf(DatasetFormatError);
    expect(trunc.message).toMatch(new RegExp(`^${join(root, 'Pneumonia/trunc.jpeg')}: cannot decode the image \\(.*\\)$`));
  });

  it('lists the folders found when the classes do not match', async () => {
    put('other/x.png', readFileSync(join(root, 'normal/b.png')));
    await expect(openChestXray(root)).rejects.toThrow(
      `${root}: unexpected class folder(s) other; expected NORMAL, PNEUMONIA (case-insensitive), found Pneumonia, normal, other`,
    );
    rmSync(join(root, 'Pneumonia'), { recursive: true });
    await expect(openChestXray(root)).rejects.toThrow(/missing class folder\(s\) PNEUMONIA/);
    // without given names, the classes are the sorted folder names
    const f = await openImageFolder(root, { imageSize: [2, 2] });
    expect(f.classNames).toEqual(['normal', 'other']);
    expect(f.splits.train!.classCounts).toEqual([3, 1]);
  });

  it('reads split folders in any case and insists each split has every class', async () => {
    const split = join(root, 'TRAIN');
    mkdirSync(split);
    for (const c of ['normal', 'Pneumonia']) {
      mkdirSync(join(split, c));
      copyFileSync(join(root, 'normal/b.png'), join(split, c, 'x.png'));
    }
    mkdirSync(join(root, 'Val', 'NORMAL'), { recursive: true });
    copyFileSync(join(root, 'normal/b.png'), join(root, 'Val/NORMAL/y.png'));
    await expect(openChestXray(root)).rejects.toThrow(`${join(root, 'Val')}: missing class folder(s) PNEUMONIA`);
    rmSync(join(root, 'Val'), { recursive: true });
    const f = await openChestXray(root, { imageSize: [2, 2] });
    expect(f.layout).toBe('splits');
    expect(Object.keys(f.splits)).toEqual(['train']);
    expect(f.splits.train!.count).toBe(2);
    await expect(openChestXray(join(root, 'nope'))).rejects.toThrow(/image folder does not exist/);
  });
});
