/**
 * Reading a file named by a user or by another file, without the resource traps: only regular
 * files are read (a FIFO would block forever, `/dev/zero` would grow memory without end), never
 * more bytes than the caller allows, and every failure is one reason the caller turns into its own
 * typed error (a data error, a model-file error…).
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Why a file could not be read. */
export type FileProblemKind = 'missing' | 'not-a-file' | 'too-large' | 'wrong-size' | 'unreadable';

/** Makes the caller's error for a file that cannot be read. */
export type FileProblem = (file: string, problem: string, kind: FileProblemKind) => Error;

/** Limits of {@link readRegularFile}. */
export interface ReadLimits {
  /** Refuse files larger than this. */
  maxBytes: number;
  /** The file must hold exactly this many bytes (e.g. what a weights manifest describes). */
  exactBytes?: number;
}

const GIB = 1024 ** 3;

/** A size for humans: `3.0 GiB`, `12.5 MiB`, `812 bytes`. */
export function formatBytes(n: number): string {
  if (n >= GIB) return `${(n / GIB).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function errnoCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
}

/** `stat` of a path, with the caller's error when it does not exist or cannot be looked at. */
export function statOrFail(path: string, fail: FileProblem): Stats {
  try {
    return statSync(path);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw fail(path, 'no such file', 'missing');
    throw fail(path, `cannot be read (${code})`, 'unreadable');
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads `path` whole. Refuses anything that is not a regular file (folder, FIFO, device, socket),
 * files over `maxBytes`, and files whose size differs from `exactBytes` when given.
 */
export function readRegularFile(path: string, limits: ReadLimits, fail: FileProblem): Uint8Array {
  const st = statOrFail(path, fail);
  if (!st.isFile()) throw fail(path, `is ${kindOf(st)}, not a file`, 'not-a-file');
  let fd: number;
  try {
    // O_NONBLOCK: should the path turn into a FIFO between stat and open, open does not hang.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw fail(path, `cannot be read (${errnoCode(err)})`, 'unreadable');
  }
  try {
    const real = fstatSync(fd);
    if (!real.isFile()) throw fail(path, `is ${kindOf(real)}, not a file`, 'not-a-file');
    if (real.size > limits.maxBytes) {
      throw fail(path, `is ${formatBytes(real.size)}, more than the ${formatBytes(limits.maxBytes)} nnlab reads from such a file`, 'too-large');
    }
    if (limits.exactBytes !== undefined && real.size !== limits.exactBytes) {
      throw fail(path, `holds ${real.size} bytes, expected ${limits.exactBytes}`, 'wrong-size');
    }
    const out = new Uint8Array(real.size);
    let off = 0;
    while (off < out.length) {
      let n: number;
      try {
        n = readSync(fd, out, off, out.length - off, off);
      } catch (err) {
        throw fail(path, `cannot be read (${errnoCode(err)})`, 'unreadable');
      }
      if (n === 0) break;
      off += n;
    }
    if (off !== out.length) throw fail(path, `shrank while being read (${off} of ${out.length} bytes)`, 'unreadable');
    return out;
  } finally {
    closeSync(fd);
  }
}

/**
 * Resolves `relativePath` (read from a file in `folder`) and refuses it when it leaves `folder`:
 * absolute paths and `..` segments that climb out, and, for paths that exist, symbolic links that
 * land outside. Returns the absolute path, or `undefined` when it would leave the folder.
 */
export function insideFolder(folder: string, relativePath: string): string | undefined {
  if (typeof relativePath !== 'string' || relativePath === '' || relativePath.includes('\0') || isAbsolute(relativePath)) return undefined;
  const base = resolve(folder);
  const target = resolve(base, relativePath);
  if (!within(base, target)) return undefined;
  if (existsSync(target)) {
    try {
      if (!within(realpathSync(base), realpathSync(target))) return undefined;
    } catch {
      return undefined;
    }
  }
  return target;
}

function within(base: string, target: string): boolean {
  const rel = relative(base, target);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}
