/**
 * Atomic writes: data goes to a temporary name in the same folder, is flushed, then renamed over
 * the target, so a reader (or a process killed mid-write) sees the old file or the new one, never
 * half of one.
 */
import { accessSync, closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { OutputPathError } from '../errors';
import { basename, dirname, join } from 'node:path';

let counter = 0;

function tempNameFor(target: string): string {
  counter += 1;
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}-${counter}`);
}

/** Creates `dir` (and its parents), with an OutputPathError for a file in the way or a read-only parent. */
export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new OutputPathError(dir, 'is a file (or lies under one), not a folder');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new OutputPathError(dir, `cannot be created: a parent folder is not writable (${code})`);
    throw err;
  }
  if (!statSync(dir).isDirectory()) throw new OutputPathError(dir, 'is a file, not a folder');
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new OutputPathError(dir, 'is not writable');
  }
}

/**
 * Writes `data` to `path` atomically (temp file + fsync + rename). Creates the folder. A path that
 * is a folder, or a folder that cannot be written, fails with an OutputPathError and leaves no
 * temp file behind.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  ensureWritableDir(dirname(path));
  if (existsSync(path) && statSync(path).isDirectory()) throw new OutputPathError(path, 'is a folder; give a file name');
  const tmp = tempNameFor(path);
  const fd = openSync(tmp, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') throw new OutputPathError(path, 'is a folder; give a file name');
    throw err;
  }
}

/** Writes `value` as pretty JSON atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Fills a fresh temporary folder through `fill`, then renames it to `target` (which must not
 * exist). The folder appears complete or not at all.
 */
export async function writeDirAtomic(target: string, fill: (tmpDir: string) => Promise<void> | void): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempNameFor(target);
  mkdirSync(tmp);
  try {
    await fill(tmp);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
