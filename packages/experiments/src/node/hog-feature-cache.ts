/**
 * The Node HOG computer: features of an MNIST split computed on all cores and cached on disk,
 * keyed by the images' checksum, the sample count and the HOG parameters (so changing any of them
 * recomputes). Cache files are written atomically, and the features' SHA-256 is kept beside them
 * and checked on every read: an entry damaged in place — even one of the right size — is
 * recomputed and rewritten, never trained on.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@nnlab/core/node';
import { defaultCacheDir } from '@nnlab/datasets/node';
import { hogFeatureLength } from '@nnlab/features-hog';
import { hogBatchParallel } from '@nnlab/features-hog/node';
import type { HogComputer } from '../hog-features';

/** 2: the metadata holds the features' SHA-256 (entries of version 1 are recomputed). */
const CACHE_SCHEMA = 2;

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Folder of cached features: `features/` in the data cache (`defaultCacheDir`: `NNLAB_CACHE_DIR` or `~/.cache/nnlab`). */
export function featureCacheDir(): string {
  return join(defaultCacheDir(), 'features');
}

/** HOG on all cores, cached by images checksum + count + parameters (images scaled to [0,1] float32 first, as the course did). */
export const cachedHogFeatures: HogComputer = async ({ split, options, imagesSha256 }) => {
  const { images, count, rows, cols } = split;
  const featureLength = hogFeatureLength(rows, cols, options);
  const key = createHash('sha256')
    .update(JSON.stringify({ v: CACHE_SCHEMA, imagesSha256: imagesSha256 ?? 'unknown', count, rows, cols, hog: options }))
    .digest('hex')
    .slice(0, 32);
  const dir = featureCacheDir();
  const meta = join(dir, `hog-${key}.json`);
  const bin = join(dir, `hog-${key}.bin`);
  if (imagesSha256 && existsSync(meta) && existsSync(bin)) {
    try {
      const m = JSON.parse(readFileSync(meta, 'utf8'));
      const buf = readFileSync(bin);
      const fits = m.schemaVersion === CACHE_SCHEMA && m.count === count && m.featureLength === featureLength && buf.byteLength === count * featureLength * 4;
      if (fits && m.featuresSha256 === sha256Of(buf)) {
        const features = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
        return { features, length: featureLength, cached: true, key };
      }
    } catch {
      // damaged cache entry: recompute below
    }
  }
  const unit = new Float32Array(count * rows * cols);
  for (let i = 0; i < unit.length; i++) unit[i] = images[i] / 255;
  const features = await hogBatchParallel(unit, count, rows, cols, options);
  if (imagesSha256) {
    const bytes = new Uint8Array(features.buffer, features.byteOffset, features.byteLength);
    writeFileAtomic(bin, bytes);
    writeJsonAtomic(meta, {
      schemaVersion: CACHE_SCHEMA,
      key,
      imagesSha256,
      count,
      rows,
      cols,
      hog: options,
      featureLength,
      featuresSha256: sha256Of(bytes),
      createdAt: new Date().toISOString(),
    });
  }
  return { features, length: featureLength, cached: false, key };
};
