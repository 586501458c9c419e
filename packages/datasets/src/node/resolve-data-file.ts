// Finds a data file by its relative name, in order: an explicit path → $NNLAB_DATA_DIR → the
// repository's vendored `data/` → the user cache → a download from public mirrors into the cache.
// Vendored, cached and downloaded files are checksum-verified against the known-files table.
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { formatBytes } from '@nnlab/core/node';
import { ChecksumError, DatasetArgumentError, DatasetFormatError, DatasetNotFoundError, DownloadError } from '../errors';
import { knownFile } from '../known-files';
import { downloadFile, mirrorUrl } from './download';
import { defaultVendorDir, VENDOR_MARKER } from './find-vendor-dir';
import { hashFile } from './hash-file';
import { MAX_DATA_FILE_BYTES } from './read-data-file';
import type { DataOrigin, DatasetProgressEvent } from './progress-events';

/** Environment variable naming a folder searched before the vendored data. */
export const DATA_DIR_ENV = 'NNLAB_DATA_DIR';
/** Environment variable naming the cache folder (default `~/.cache/nnlab`). */
export const CACHE_DIR_ENV = 'NNLAB_CACHE_DIR';
/** Environment variable that, set to `1`/`true`, turns downloads off. */
export const OFFLINE_ENV = 'NNLAB_OFFLINE';

/** Options of {@link resolveDataFile}. */
export interface ResolveDataFileOptions {
  /**
   * A file, or a folder holding the file under its relative name or its base name. When given,
   * the file must be there: nothing else is searched.
   */
  path?: string;
  /** Environment to read `NNLAB_*` variables from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * The vendored data folder (default: the `data/` folder with a `SHA256SUMS`, found by walking up
   * from this module, then from the working directory); `null` skips the vendored data.
   */
  vendorDir?: string | null;
  /** Cache folder for downloads (default `$NNLAB_CACHE_DIR`, else `~/.cache/nnlab`). */
  cacheDir?: string;
  /** Download when no local copy is found (default `true`, `false` when `NNLAB_OFFLINE=1`). */
  download?: boolean;
  /** Base URLs used instead of the file's known URLs, tried in order; the base name is appended. */
  mirrors?: readonly string[];
  /** Download socket idle timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Receives download progress, mirror failures and rejected local copies. */
  onProgress?: (event: DatasetProgressEvent) => void;
  /**
   * Also verify files from `path` and `NNLAB_DATA_DIR` against the known checksums (default
   * `false`: user folders may hold other data under the same names, e.g. Fashion-MNIST).
   */
  verifyUserFiles?: boolean;
}

/** A file the resolver found. */
export interface ResolvedFile {
  /** The relative name asked for. */
  name: string;
  /** The known name actually found (differs from `name` when an alternative was used). */
  resolvedName: string;
  /** Absolute path. */
  path: string;
  /** Where it was found. */
  origin: DataOrigin;
  /** Its SHA-256 (always computed). */
  sha256: string;
  /** Its size. */
  bytes: number;
  /** True when it matched a known checksum (SHA-256, or MD5 when only that is known). */
  verified: boolean;
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}

/** The cache folder: `cacheDir`, else `$NNLAB_CACHE_DIR`, else `~/.cache/nnlab`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env[CACHE_DIR_ENV];
  return fromEnv ? resolve(fromEnv) : join(homedir(), '.cache', 'nnlab');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const sumsMemo = new Map<string, Record<string, string>>();

/** `SHA256SUMS` of a vendored folder as name → hash (empty when unreadable). */
function vendoredSums(dir: string): Record<string, string> {
  let sums = sumsMemo.get(dir);
  if (!sums) {
    sums = {};
    try {
      for (const line of readFileSync(join(dir, VENDOR_MARKER), 'utf8').split('\n')) {
        const m = /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim());
        if (m) sums[m[2]] = m[1];
      }
    } catch {
      // no sums: only the known-files table verifies
    }
    sumsMemo.set(dir, sums);
  }
  return sums;
}

function checkName(name: string): void {
  if (!name || isAbsolute(name) || name.split(/[\\/]/).some((s) => s === '..' || s === '')) {
    throw new DatasetArgumentError('resolveDataFile', 'name', `must be a relative data name like 'mnist/train-images-idx3-ubyte.gz', got '${name}'`);
  }
}

/**
 * Finds `name` (e.g. `mnist/train-images-idx3-ubyte.gz`) — see {@link ResolveDataFileOptions} for
 * the order — and reports where. A vendored or cached copy that fails verification is reported as
 * a `rejected` event and skipped. Known alternatives (e.g. the official PneumoniaMNIST file for the
 * reassembled one) are accepted at each stage after the name itself.
 * @throws DatasetNotFoundError when nothing is found; DownloadError or ChecksumError when the
 * download failed (one mirror: its error; several: a DownloadError listing each).
 */
export async function resolveDataFile(name: string, options: ResolveDataFileOptions = {}): Promise<ResolvedFile> {
  checkName(name);
  const env = options.env ?? process.env;
  const candidates = [name, ...(knownFile(name)?.alternatives ?? [])];
  const searched: string[] = [];
  const rejected: Error[] = [];

  const found = async (path: string, cand: string, origin: DataOrigin, verify: boolean, extraSha?: string): Promise<ResolvedFile> => {
    // refused before hashing: nnlab could not read it into memory anyway
    const size = (await stat(path)).size;
    if (size > MAX_DATA_FILE_BYTES)
      throw new DatasetFormatError(path, `is ${formatBytes(size)}, more than the ${formatBytes(MAX_DATA_FILE_BYTES)} nnlab reads from a data file`);
    const h = await hashFile(path);
    const kf = knownFile(cand);
    const sha256 = kf?.sha256 ?? extraSha;
    let verified = false;
    if (sha256) {
      verified = h.sha256 === sha256;
      if (!verified && verify) throw new ChecksumError(cand, 'sha256', sha256, h.sha256, `${origin} copy ${path}`);
    } else if (kf?.md5) {
      verified = h.md5 === kf.md5;
      if (!verified && verify) throw new ChecksumError(cand, 'md5', kf.md5, h.md5, `${origin} copy ${path}`);
    }
    return { name, resolvedName: cand, path: resolve(path), origin, sha256: h.sha256, bytes: h.bytes, verified };
  };

  const tryLocal = async (path: string, cand: string, origin: DataOrigin, verify: boolean, extraSha?: string) => {
    searched.push(path);
    if (!(await isFile(path))) return undefined;
    try {
      return await found(path, cand, origin, verify, extraSha);
    } catch (e) {
      if (!(e instanceof ChecksumError)) throw e;
      rejected.push(e);
      options.onProgress?.({ type: 'rejected', file: cand, path, origin, error: e });
      return undefined;
    }
  };

  // in user folders: `dir/<name>`, `dir/<base name>`, and both without `.gz` (uncompressed copies)
  const inFolder = (dir: string, cand: string) => {
    const names = [cand, basename(cand)];
    if (cand.endsWith('.gz')) names.push(...names.map((n) => n.slice(0, -3)));
    return [...new Set(names.map((n) => join(dir, n)))];
  };
  const verifyUser = options.verifyUserFiles ?? false;

  // 1. explicit path: the file must be there
  if (options.path !== undefined) {
    const p = resolve(options.path);
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new DatasetNotFoundError(name, `explicit path ${p} does not exist`, [p]);
    }
    if (st.isFile()) return found(p, name, 'explicit', verifyUser);
    for (const cand of candidates) {
      for (const path of inFolder(p, cand)) {
        searched.push(path);
        if (await isFile(path)) return found(path, cand, 'explicit', verifyUser);
      }
    }
    throw new DatasetNotFoundError(name, `not found in the explicit folder ${p} (looked for ${searched.join(', ')})`, searched);
  }

  // 2. $NNLAB_DATA_DIR
  const envDir = env[DATA_DIR_ENV];
  if (envDir) {
    for (const cand of candidates) {
      for (const path of inFolder(resolve(envDir), cand)) {
        const r = await tryLocal(path, cand, 'env', verifyUser);
        if (r) return r;
      }
    }
  }

  // 3. vendored data/
  const vendorDir = options.vendorDir === undefined ? defaultVendorDir() : (options.vendorDir ?? undefined);
  if (vendorDir) {
    const sums = vendoredSums(vendorDir);
    for (const cand of candidates) {
      const r = await tryLocal(join(vendorDir, cand), cand, 'vendored', true, sums[cand]);
      if (r) return r;
    }
  }

  // 4. user cache
  const cacheDir = options.cacheDir !== undefined ? resolve(options.cacheDir) : defaultCacheDir(env);
  for (const cand of candidates) {
    const r = await tryLocal(join(cacheDir, cand), cand, 'cache', true);
    if (r) return r;
  }

  // 5. download into the cache
  const download = options.download ?? !isTrue(env[OFFLINE_ENV]);
  const attempts: Error[] = [];
  if (download) {
    for (const cand of candidates) {
      const kf = knownFile(cand);
      if (!kf || (!kf.sha256 && !kf.md5)) continue;
      const urls = options.mirrors ? options.mirrors.map((m) => mirrorUrl(m, cand)) : kf.urls;
      const target = join(cacheDir, cand);
      for (const url of urls) {
        searched.push(url);
        try {
          const h = await downloadFile(url, target, cand, kf, { timeoutMs: options.timeoutMs, onProgress: options.onProgress });
          return { name, resolvedName: cand, path: target, origin: 'download', sha256: h.sha256, bytes: h.bytes, verified: true };
        } catch (e) {
          const err = e instanceof Error ? e : new Error(String(e));
          attempts.push(err);
          options.onProgress?.({ type: 'mirror-failed', file: cand, url, error: err });
        }
      }
    }
  }
  if (attempts.length === 1) throw attempts[0];
  if (attempts.length > 1) {
    const list = attempts.map((e) => (e instanceof DownloadError || e instanceof ChecksumError ? e.problem : e.message)).join('; ');
    throw new DownloadError(name, `all ${attempts.length} download attempts failed: ${list}`, { attempts, url: searched[searched.length - 1] });
  }
  const why = rejected.length ? `; rejected: ${rejected.map((e) => e.message).join('; ')}` : '';
  const off = download ? '' : ` (downloads are off${options.download === undefined ? `: ${OFFLINE_ENV} is set` : ''})`;
  throw new DatasetNotFoundError(name, `not found in ${searched.join(', ')}${off}${why}`, searched, { cause: rejected[0] });
}
