// Test-only loader for the skimage parity fixtures in src/__fixtures__ (written by
// tools/fixtures/hog_skimage.py). Not part of the build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HogBlockNorm, HogOptions } from '../hog-options';

export const FIXTURE_DIR = join(__dirname, '..', '__fixtures__');

interface ImageSetEntry {
  file: string;
  dtype: 'uint8' | 'float32';
  count: number;
  height: number;
  width: number;
}

interface SkimageParams {
  orientations: number;
  pixels_per_cell: [number, number];
  cells_per_block?: [number, number];
  block_norm?: HogBlockNorm;
  transform_sqrt?: boolean;
}

interface SetEntry {
  name: string;
  images: string;
  count: number;
  featureLength?: number;
  file: string;
  params: SkimageParams;
}

export interface HogFixtureIndex {
  schemaVersion: 1;
  skimage: string;
  images: Record<string, ImageSetEntry>;
  sets: SetEntry[];
  visualize: SetEntry[];
}

export interface FixtureImages {
  data: Uint8Array | Float32Array;
  count: number;
  height: number;
  width: number;
}

export function readIndex(): HogFixtureIndex {
  const index = JSON.parse(readFileSync(join(FIXTURE_DIR, 'hog-index.json'), 'utf8')) as HogFixtureIndex;
  if (index.schemaVersion !== 1) throw new Error(`hog-index.json: unknown schemaVersion ${index.schemaVersion}`);
  return index;
}

function readBytes(file: string): Uint8Array {
  const buf = readFileSync(join(FIXTURE_DIR, file));
  // copy into a fresh, aligned ArrayBuffer
  return new Uint8Array(buf);
}

export function readF32(file: string): Float32Array {
  const bytes = readBytes(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

export function readImages(index: HogFixtureIndex, key: string): FixtureImages {
  const e = index.images[key];
  const data = e.dtype === 'uint8' ? readBytes(e.file) : readF32(e.file);
  if (data.length !== e.count * e.height * e.width) throw new Error(`${e.file}: unexpected size`);
  return { data, count: e.count, height: e.height, width: e.width };
}

export function toHogOptions(p: SkimageParams): HogOptions {
  return {
    orientations: p.orientations,
    pixelsPerCell: p.pixels_per_cell,
    cellsPerBlock: p.cells_per_block,
    blockNorm: p.block_norm,
    transformSqrt: p.transform_sqrt,
  };
}

/** Largest |a[i] − b[i]| (NaN when either holds NaN at the same place as a number) and count of unequal values. */
export function compare(a: Float32Array, b: Float32Array): { maxAbs: number; unequal: number } {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let maxAbs = 0;
  let unequal = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      unequal++;
      const d = Math.abs(a[i] - b[i]);
      if (!(d <= maxAbs)) maxAbs = d;
    }
  }
  return { maxAbs, unequal };
}
