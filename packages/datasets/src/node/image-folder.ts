// Image folders with the semantics of Keras' image_dataset_from_directory(color_mode='grayscale'):
// class sub-folders give the labels (class names sorted unless given), files are listed like
// Keras (recursive os.walk, sorted), images are decoded to grayscale and resized with
// tf.image.resize's bilinear kernel (half-pixel centers, no antialias, aspect ratio not kept) to
// float32 values 0–255. A root may hold `train/`, `val/`, `test/` split folders (any case) each
// with class folders, or be a class-folder layout itself.
//
// Nothing is decoded up front: a split knows its files and labels, and `readBatch(indices)`
// decodes just those images (a few at a time), optionally keeping decoded images in an LRU cache
// up to a byte budget — so a 5,856-image set trains in bounded memory.
import type { Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DatasetArgumentError, DatasetError, DatasetFormatError, DatasetNotFoundError } from '../errors';
import { resizeBilinear } from '../resize-bilinear';
import { IMAGE_SNIFF_BYTES, sniffImageType } from '../sniff-image-type';
import { decodeGrayscale, DEFAULT_MAX_IMAGE_PIXELS } from './decode-grayscale';

/** Output size (height, width) when none is given: Keras' default `image_size`. */
export const DEFAULT_IMAGE_SIZE: readonly [number, number] = [256, 256];
/** Images decoded at once by `readBatch`. */
export const DEFAULT_DECODE_CONCURRENCY = 2;
/** File extensions listed, as Keras' ALLOWLIST_FORMATS (case-insensitive). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.bmp', '.gif', '.jpeg', '.jpg', '.png'];
/** Split folder names recognised at the root (case-insensitive). */
export const SPLIT_NAMES = ['train', 'val', 'test'] as const;
/** Files whose first bytes are read at once while listing. */
const SNIFF_CONCURRENCY = 16;

/** A split of an image folder. */
export type SplitName = (typeof SPLIT_NAMES)[number];

/** A file left out while listing, and why. */
export interface SkippedFile {
  path: string;
  /**
   * `extension`: not one of {@link IMAGE_EXTENSIONS}; `content`: the bytes are not an image
   * (magic bytes); `unsupported`: an image format sharp cannot decode (BMP); `corrupt`: the image
   * did not decode (truncated, damaged, too large), found by `verify`.
   */
  reason: 'extension' | 'content' | 'unsupported' | 'corrupt';
  /** What was wrong (for `corrupt`). */
  problem?: string;
}

/** Options of {@link openImageFolder} and {@link openChestXray}. */
export interface ImageFolderOptions {
  /** Output `[height, width]` (default {@link DEFAULT_IMAGE_SIZE}). */
  imageSize?: readonly [number, number];
  /**
   * Class folder names in label order, matched case-insensitively; other folders are an error.
   * Default: the class folders found, sorted like Python's `sorted` (Keras).
   */
  classNames?: readonly string[];
  /** Multiply pixel values (0–255) by this, e.g. `1 / 255` (default 1). */
  rescale?: number;
  /** Refuse images whose header claims more pixels (default {@link DEFAULT_MAX_IMAGE_PIXELS}). */
  maxPixels?: number;
  /** Images decoded at once by `readBatch` (default {@link DEFAULT_DECODE_CONCURRENCY}). */
  concurrency?: number;
  /** Keep decoded, resized images in memory up to this many bytes, least recently used out (default 0: off). */
  cacheBytes?: number;
  /**
   * Decode every image while opening (filling the cache), so no damaged file turns up mid-epoch:
   * images that do not decode are left out and listed in `skipped` as `corrupt` with the problem
   * (default false: nothing is decoded up front).
   */
  verify?: boolean;
}

/** One split: files and labels known up front, pixels decoded on demand. */
export interface ImageFolderSplit {
  readonly name: SplitName;
  /** The split's folder. */
  readonly dir: string;
  /** Class names in label order (as given, or as found). */
  readonly classNames: readonly string[];
  /** Image paths in Keras order: class by class, each listed like sorted(os.walk(...)). */
  readonly files: readonly string[];
  /** `labels[i]` is the class of `files[i]`. */
  readonly labels: Uint8Array;
  readonly count: number;
  /** Output height. */
  readonly rows: number;
  /** Output width. */
  readonly cols: number;
  /** Images per class. */
  readonly classCounts: readonly number[];
  /** Files left out while listing this split. */
  readonly skipped: readonly SkippedFile[];
  /**
   * Decodes the images at `indices` into one `Float32Array` of `indices.length × rows × cols`
   * values (0–255 times `rescale`), in the order given.
   * @throws DatasetFormatError naming the file for a corrupt, truncated or oversized image.
   */
  readBatch(indices: ArrayLike<number>): Promise<Float32Array>;
}

/** An opened image folder. */
export interface ImageFolder {
  readonly root: string;
  /** `splits`: train/val/test folders; `classes`: the root holds the class folders (one split, `train`). */
  readonly layout: 'splits' | 'classes';
  readonly classNames: readonly string[];
  /** The splits present. */
  readonly splits: Partial<Record<SplitName, ImageFolderSplit>>;
  /** Every file left out while listing. */
  readonly skipped: readonly SkippedFile[];
  /** Decoded-image cache use (shared by the splits). */
  cacheStats(): { entries: number; bytes: number; hits: number; misses: number };
}

async function listDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (e.isDirectory()) out.push(e.name);
    else if (e.isSymbolicLink()) {
      const st = await stat(join(dir, e.name)).catch(() => undefined);
      if (st?.isDirectory()) out.push(e.name);
    }
  }
  return out.sort(byCodeUnits);
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files under `dir` in the order of Python's `sorted(os.walk(dir))` (symlinked folders not followed). */
async function walkFiles(dir: string): Promise<string[]> {
  const groups: [string, string[]][] = [];
  const visit = async (d: string) => {
    const entries: Dirent[] = await readdir(d, { withFileTypes: true });
    const files: string[] = [];
    for (const e of entries) {
      if (e.isDirectory()) await visit(join(d, e.name));
      else if (e.isFile()) files.push(e.name);
      else if (e.isSymbolicLink()) {
        const st = await stat(join(d, e.name)).catch(() => undefined);
        if (st?.isFile()) files.push(e.name);
      }
    }
    groups.push([d, files.sort(byCodeUnits)]);
  };
  await visit(dir);
  groups.sort((a, b) => byCodeUnits(a[0], b[0]));
  return groups.flatMap(([d, files]) => files.map((f) => join(d, f)));
}

async function readHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(IMAGE_SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, IMAGE_SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Runs `task(k)` for k in [0, n) with at most `limit` at once; rejects with the first error after all started tasks settle. */
async function pool(n: number, limit: number, task: (k: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < n) {
      const k = next++;
      try {
        await task(k);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  if (failure) throw failure.error;
}

/** Keeps images listed by extension and content; records the others. */
async function keepImages(paths: string[], skipped: SkippedFile[]): Promise<string[]> {
  const byExt = paths.filter((p) => {
    const ok = IMAGE_EXTENSIONS.some((ext) => p.toLowerCase().endsWith(ext));
    if (!ok) skipped.push({ path: p, reason: 'extension' });
    return ok;
  });
  const types = new Array<string | undefined>(byExt.length);
  await pool(byExt.length, SNIFF_CONCURRENCY, async (k) => {
    types[k] = sniffImageType(await readHead(byExt[k]));
  });
  return byExt.filter((p, k) => {
    if (types[k] === undefined) skipped.push({ path: p, reason: 'content' });
    else if (types[k] === 'bmp') skipped.push({ path: p, reason: 'unsupported' });
    return types[k] !== undefined && types[k] !== 'bmp';
  });
}

/** Maps found folder names onto the class names (case-insensitive); errors list what was found. */
function matchClasses(dir: string, found: string[], classNames: readonly string[] | undefined): string[] {
  const expected = classNames ?? found;
  const byLower = new Map<string, string>();
  for (const f of found) {
    const key = f.toLowerCase();
    if (byLower.has(key)) throw new DatasetFormatError(dir, `class folders '${byLower.get(key)}' and '${f}' differ only in case`);
    byLower.set(key, f);
  }
  const wanted = new Set(expected.map((c) => c.toLowerCase()));
  const unexpected = found.filter((f) => !wanted.has(f.toLowerCase()));
  const missing = expected.filter((c) => !byLower.has(c.toLowerCase()));
  if (unexpected.length || missing.length) {
    const parts = [];
    if (unexpected.length) parts.push(`unexpected class folder(s) ${unexpected.join(', ')}`);
    if (missing.length) parts.push(`missing class folder(s) ${missing.join(', ')}`);
    throw new DatasetFormatError(dir, `${parts.join('; ')}; expected ${expected.join(', ')} (case-insensitive), found ${found.join(', ') || 'none'}`);
  }
  return expected.map((c) => join(dir, byLower.get(c.toLowerCase())!));
}

/**
 * Opens an image folder (see the file comment for the layout and the Keras semantics). Lists and
 * sniffs files; decodes nothing.
 * @throws DatasetNotFoundError when `root` does not exist; DatasetFormatError for an unexpected
 * layout (naming the folders found), unexpected or missing class folders, or a split without images.
 */
export async function openImageFolder(root: string, options: ImageFolderOptions = {}): Promise<ImageFolder> {
  const [rows, cols] = options.imageSize ?? DEFAULT_IMAGE_SIZE;
  const rescale = options.rescale ?? 1;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  const concurrency = options.concurrency ?? DEFAULT_DECODE_CONCURRENCY;
  const cacheBytes = options.cacheBytes ?? 0;
  const check = (name: string, ok: boolean, v: unknown, what: string) => {
    if (!ok) throw new DatasetArgumentError('openImageFolder', name, `must be ${what}, got ${String(v)}`);
  };
  check('imageSize', Number.isInteger(rows) && rows > 0 && Number.isInteger(cols) && cols > 0, options.imageSize, '[height, width] of positive integers');
  check('rescale', Number.isFinite(rescale), rescale, 'a finite number');
  check('maxPixels', maxPixels > 0, maxPixels, 'positive');
  check('concurrency', Number.isInteger(concurrency) && concurrency >= 1, concurrency, 'a positive integer');
  check('cacheBytes', cacheBytes >= 0, cacheBytes, 'non-negative');
  if (options.classNames) check('classNames', options.classNames.length >= 1 && options.classNames.length <= 256, options.classNames, '1 to 256 names');

  const rootDir = resolve(root);
  const st = await stat(rootDir).catch(() => undefined);
  if (!st?.isDirectory()) throw new DatasetNotFoundError(rootDir, 'image folder does not exist or is not a folder', [rootDir]);
  const top = await listDirs(rootDir);
  const splitDirs = new Map<SplitName, string>();
  for (const d of top) {
    const s = SPLIT_NAMES.find((n) => n === d.toLowerCase());
    if (!s) continue;
    if (splitDirs.has(s)) throw new DatasetFormatError(rootDir, `split folders '${splitDirs.get(s)}' and '${d}' differ only in case`);
    splitDirs.set(s, d);
  }
  const layout = splitDirs.size > 0 ? 'splits' : 'classes';
  if (layout === 'classes' && top.length === 0) {
    throw new DatasetFormatError(rootDir, 'no split folders (train/, val/, test/) and no class folders found');
  }
  const splitList: [SplitName, string][] =
    layout === 'splits' ? SPLIT_NAMES.filter((s) => splitDirs.has(s)).map((s) => [s, join(rootDir, splitDirs.get(s)!)]) : [['train', rootDir]];

  // class names: given, or the sorted union of what the splits hold (each split must hold them all)
  const foundPerSplit = await Promise.all(splitList.map(([, dir]) => listDirs(dir)));
  const classNames = options.classNames ? [...options.classNames] : [...new Set(foundPerSplit.flat())].sort(byCodeUnits);
  if (classNames.length > 256) throw new DatasetFormatError(rootDir, `${classNames.length} class folders, at most 256 are supported`);

  const cache = new Map<string, Float32Array>();
  const stats = { bytes: 0, hits: 0, misses: 0 };
  const imageBytes = rows * cols * 4;

  const loadInto = async (path: string, out: Float32Array, offset: number) => {
    const hit = cache.get(path);
    if (hit) {
      stats.hits++;
      cache.delete(path);
      cache.set(path, hit);
      out.set(hit, offset);
      return;
    }
    stats.misses++;
    const img = await decodeGrayscale(path, maxPixels);
    resizeBilinear(img.data, img.height, img.width, rows, cols, { out, offset });
    if (cacheBytes >= imageBytes && !cache.has(path)) {
      cache.set(path, out.slice(offset, offset + rows * cols));
      stats.bytes += imageBytes;
      for (const key of cache.keys()) {
        if (stats.bytes <= cacheBytes) break;
        cache.delete(key);
        stats.bytes -= imageBytes;
      }
    }
  };

  /** The images of `paths` that decode (each decoded once, into the cache); the others go to `skipped`. */
  const decodable = async (paths: string[], skipped: SkippedFile[]): Promise<string[]> => {
    const problems = new Array<string | undefined>(paths.length);
    await pool(paths.length, concurrency, async (k) => {
      try {
        await loadInto(paths[k], new Float32Array(rows * cols), 0);
      } catch (err) {
        if (!(err instanceof DatasetError)) throw err;
        problems[k] = err.problem;
      }
    });
    return paths.filter((path, k) => {
      if (problems[k] !== undefined) skipped.push({ path, reason: 'corrupt', problem: problems[k] });
      return problems[k] === undefined;
    });
  };

  const allSkipped: SkippedFile[] = [];
  const splits: Partial<Record<SplitName, ImageFolderSplit>> = {};
  for (let s = 0; s < splitList.length; s++) {
    const [name, dir] = splitList[s];
    const classDirs = matchClasses(dir, foundPerSplit[s], classNames);
    const skipped: SkippedFile[] = [];
    const files: string[] = [];
    const labelList: number[] = [];
    const classCounts: number[] = [];
    for (let c = 0; c < classDirs.length; c++) {
      let images = await keepImages(await walkFiles(classDirs[c]), skipped);
      if (options.verify) images = await decodable(images, skipped);
      files.push(...images);
      for (let k = 0; k < images.length; k++) labelList.push(c);
      classCounts.push(images.length);
    }
    allSkipped.push(...skipped);
    if (files.length === 0) throw new DatasetFormatError(dir, `no images found (${skipped.length} other files skipped)`);
    const labels = Uint8Array.from(labelList);
    const count = files.length;
    splits[name] = {
      name,
      dir,
      classNames,
      files,
      labels,
      count,
      rows,
      cols,
      classCounts,
      skipped,
      async readBatch(indices: ArrayLike<number>): Promise<Float32Array> {
        for (let k = 0; k < indices.length; k++) {
          const i = indices[k];
          if (!(Number.isInteger(i) && i >= 0 && i < count)) {
            throw new DatasetArgumentError('readBatch', 'indices', `[${k}] = ${i} is not an index below ${count} (split ${name})`);
          }
        }
        const size = rows * cols;
        const out = new Float32Array(indices.length * size);
        await pool(indices.length, concurrency, (k) => loadInto(files[indices[k]], out, k * size));
        if (rescale !== 1) for (let i = 0; i < out.length; i++) out[i] *= rescale;
        return out;
      },
    };
  }
  return {
    root: rootDir,
    layout,
    classNames,
    splits,
    skipped: allSkipped,
    cacheStats: () => ({ entries: cache.size, bytes: stats.bytes, hits: stats.hits, misses: stats.misses }),
  };
}
