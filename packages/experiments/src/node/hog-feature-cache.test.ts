import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHogOptions } from '@nnlab/features-hog';
import { cachedHogFeatures, featureCacheDir } from './hog-feature-cache';

let dir: string;
const saved = process.env.NNLAB_CACHE_DIR;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-hog-cache-'));
  process.env.NNLAB_CACHE_DIR = dir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.NNLAB_CACHE_DIR;
  else process.env.NNLAB_CACHE_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

it('a cache entry damaged in place (same size) is detected by its checksum and recomputed', async () => {
  const count = 6;
  const images = Uint8Array.from({ length: count * 28 * 28 }, (_, i) => (i * 37) % 256);
  const req = {
    split: { images, count, rows: 28, cols: 28 },
    options: resolveHogOptions({ orientations: 8, pixelsPerCell: 4, cellsPerBlock: 1, blockNorm: 'L2-Hys' }),
    imagesSha256: 'test-images',
  };
  const first = await cachedHogFeatures(req as never);
  expect(first.cached).toBe(false);
  const second = await cachedHogFeatures(req as never);
  expect(second.cached).toBe(true);
  expect(Array.from(second.features)).toEqual(Array.from(first.features));

  const bin = join(
    featureCacheDir(),
    readdirSync(featureCacheDir()).find((n) => n.endsWith('.bin'))!,
  );
  const bytes = readFileSync(bin);
  bytes.fill(0x3f, 0, 64); // plausible floats, right size
  writeFileSync(bin, bytes);
  const third = await cachedHogFeatures(req as never);
  expect(third.cached).toBe(false);
  expect(Array.from(third.features)).toEqual(Array.from(first.features));
  const fourth = await cachedHogFeatures(req as never);
  expect(fourth.cached).toBe(true);
  expect(Array.from(fourth.features)).toEqual(Array.from(first.features));
});
