// SHA-256 (and MD5) of a file, memoised per process by path + size + mtime + inode. Hashing is
// cheap (all vendored data, ~16 MB, takes ~20 ms), so nothing is persisted between runs: a stale
// on-disk memo would be a way to skip verification, and re-hashing costs less than reading it.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** Hashes and size of a file. */
export interface FileHashes {
  sha256: string;
  md5: string;
  bytes: number;
}

const memo = new Map<string, { key: string; hashes: FileHashes }>();

/** Hashes `path` (streaming), reusing the last result while the file's size, mtime and inode are unchanged. */
export async function hashFile(path: string): Promise<FileHashes> {
  const st = await stat(path);
  const key = `${st.size}:${st.mtimeMs}:${st.ino}`;
  const hit = memo.get(path);
  if (hit && hit.key === key) return hit.hashes;
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    sha.update(b);
    md5.update(b);
    bytes += b.length;
  }
  const hashes = { sha256: sha.digest('hex'), md5: md5.digest('hex'), bytes };
  memo.set(path, { key, hashes });
  return hashes;
}

/** Forgets memoised hashes (tests, or after rewriting files within one mtime tick). */
export function clearHashMemo(): void {
  memo.clear();
}
