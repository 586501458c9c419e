/**
 * HOG features of an MNIST split for `mlp-hog`, computed on all cores and cached on disk, keyed by
 * the images' checksum, the sample count and the HOG parameters (so changing any of them
 * recomputes). Cache files are written atomically; a damaged cache entry is recomputed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@nnlab/core/node';
import { hogFeatureLength, resolveHogOptions, type HogOptions } from '@nnlab/features-hog';
import { hogBatchParallel } from '@nnlab/features-hog/node';

const CACHE_SCHEMA = 1;

/** Folder of cached features: `NNLAB_CACHE_DIR/features` or `~/.cache/nnlab/features`. */
export function featureCacheDir(): string {
  return join(process.env.NNLAB_CACHE_DIR ?? join(homedir(), '.cache', 'nnlab'), 'features');
}

export interface HogFeatures {
  features: Float32Array;
  featureLength: number;
  cached: boolean;
  key: string;
}

/** HOG of `count` images (uint8, scaled to [0,1] float32 first, as the course did). */
export async function hogFeaturesFor(
  images: Uint8Array,
  count: number,
  rows: number,
  cols: number,
  imagesSha256: string,
  options: HogOptions,
): Promise<HogFeatures> {
  const resolved = resolveHogOptions(options);
  const featureLength = hogFeatureLength(rows, cols, resolved);
  const key = createHash('sha256')
    .update(JSON.stringify({ v: CACHE_SCHEMA, imagesSha256, count, rows, cols, hog: resolved }))
    .digest('hex')
    .slice(0, 32);
  const dir = featureCacheDir();
  const meta = join(dir, `hog-${key}.json`);
  const bin = join(dir, `hog-${key}.bin`);
  if (existsSync(meta) && existsSync(bin)) {
    try {
      const m = JSON.parse(readFileSync(meta, 'utf8'));
      const buf = readFileSync(bin);
      if (m.schemaVersion === CACHE_SCHEMA && m.count === count && m.featureLength === featureLength && buf.byteLength === count * featureLength * 4) {
        const features = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
        return { features, featureLength, cached: true, key };
      }
    } catch {
      // damaged cache entry: recompute below
    }
  }
  const unit = new Float32Array(count * rows * cols);
  for (let i = 0; i < unit.length; i++) unit[i] = images[i] / 255;
  const features = await hogBatchParallel(unit, count, rows, cols, resolved);
  writeFileAtomic(bin, new Uint8Array(features.buffer, features.byteOffset, features.byteLength));
  writeJsonAtomic(meta, { schemaVersion: CACHE_SCHEMA, key, imagesSha256, count, rows, cols, hog: resolved, featureLength, createdAt: new Date().toISOString() });
  return { features, featureLength, cached: false, key };
}
