// HTTP(S) download into a file: streamed to a temporary file next to the target, hashed on the fly,
// verified, then renamed into place atomically. Follows redirects; fails on HTTP errors, idle
// timeouts, bodies shorter than their Content-Length, oversize bodies and checksum mismatches.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { get as httpGet, type ClientRequest, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { basename, dirname } from 'node:path';
import { ChecksumError, DownloadError } from '../errors';
import type { FileHashes } from './hash-file';
import type { DatasetProgressEvent } from './progress-events';

/** Socket idle time after which a download fails (30 s). */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 30_000;
/** Largest body accepted when the expected size is unknown (512 MiB). */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 512 * 2 ** 20;
/** Redirects followed per request. */
export const MAX_REDIRECTS = 5;

/** What the downloaded bytes must be. At least one hash is required. */
export interface ExpectedFile {
  sha256?: string;
  md5?: string;
  bytes?: number;
}

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  /** Socket idle timeout in ms (default {@link DEFAULT_DOWNLOAD_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Largest body accepted when `expected.bytes` is unknown (default {@link DEFAULT_MAX_DOWNLOAD_BYTES}). */
  maxBytes?: number;
  /** Receives `download` events as bytes arrive. */
  onProgress?: (event: DatasetProgressEvent) => void;
}

function request(url: string, file: string, timeoutMs: number, redirects = 0): Promise<{ req: ClientRequest; res: IncomingMessage; url: string }> {
  return new Promise((resolvePromise, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      reject(new DownloadError(file, `invalid URL ${url}`, { url }));
      return;
    }
    const get = parsed.protocol === 'https:' ? httpsGet : parsed.protocol === 'http:' ? httpGet : undefined;
    if (!get) {
      reject(new DownloadError(file, `unsupported URL protocol ${parsed.protocol} in ${url}`, { url }));
      return;
    }
    const req = get(parsed, { headers: { 'user-agent': 'nnlab-datasets', accept: '*/*' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        req.setTimeout(0);
        if (redirects >= MAX_REDIRECTS) {
          reject(new DownloadError(file, `more than ${MAX_REDIRECTS} redirects from ${url}`, { url }));
          return;
        }
        const next = new URL(res.headers.location, parsed).toString();
        request(next, file, timeoutMs, redirects + 1).then(resolvePromise, reject);
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new DownloadError(file, `HTTP ${status} from ${url}`, { url }));
        return;
      }
      resolvePromise({ req, res, url });
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy(new DownloadError(file, `no data for ${timeoutMs} ms from ${url} (timed out)`, { url }));
    });
    req.on('error', (e) => {
      reject(e instanceof DownloadError ? e : new DownloadError(file, `request to ${url} failed: ${e.message}`, { url, cause: e }));
    });
  });
}

/**
 * Downloads `url` to `target`, verifying `expected` (SHA-256 if known, else MD5; and the size).
 * Writes `target.<random>.tmp` first and renames it into place only when verified; the temporary
 * file is deleted on any failure. Returns the file's hashes.
 * @throws DownloadError (HTTP status, timeout, early close, oversize) or ChecksumError, naming `file`.
 */
export async function downloadFile(url: string, target: string, file: string, expected: ExpectedFile, options: DownloadOptions = {}): Promise<FileHashes> {
  if (!expected.sha256 && !expected.md5) {
    throw new DownloadError(file, `no checksum known, refusing an unverified download from ${url}`, { url });
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  const limit = expected.bytes ?? options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const { req, res, url: finalUrl } = await request(url, file, timeoutMs);
  let timedOut = false;
  req.once('timeout', () => {
    timedOut = true;
  });
  const header = res.headers['content-length'];
  const total = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  if (total !== undefined && expected.bytes !== undefined && total !== expected.bytes) {
    res.destroy();
    throw new DownloadError(file, `${finalUrl} announces ${total} bytes, expected ${expected.bytes}`, { url });
  }
  if (total !== undefined && total > limit) {
    res.destroy();
    throw new DownloadError(file, `${finalUrl} announces ${total} bytes, more than the limit of ${limit}`, { url });
  }

  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  let loaded = 0;
  try {
    await new Promise<void>((resolvePromise, reject) => {
      const out = createWriteStream(tmp, { flags: 'wx' });
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        res.destroy();
        out.destroy();
        reject(e);
      };
      out.on('error', (e) => fail(new DownloadError(file, `cannot write ${tmp}: ${e.message}`, { url, cause: e })));
      res.on('data', (chunk: Buffer) => {
        loaded += chunk.length;
        if (loaded > limit) {
          fail(new DownloadError(file, `${finalUrl} sent more than ${limit} bytes`, { url }));
          return;
        }
        sha.update(chunk);
        md5.update(chunk);
        options.onProgress?.({ type: 'download', file, url: finalUrl, loaded, total });
        if (!out.write(chunk)) {
          res.pause();
          out.once('drain', () => res.resume());
        }
      });
      const early = () =>
        new DownloadError(
          file,
          timedOut
            ? `no data for ${timeoutMs} ms from ${finalUrl} (timed out) after ${loaded} of ${total ?? 'unknown'} bytes`
            : `connection closed early by ${finalUrl}: got ${loaded} of ${total ?? 'unknown'} bytes`,
          { url },
        );
      res.on('error', () => fail(early()));
      res.on('aborted', () => fail(early()));
      res.on('close', () => {
        if (!res.complete) fail(early());
      });
      res.on('end', () => {
        if (failed) return;
        if (!res.complete || (total !== undefined && loaded !== total)) {
          fail(early());
          return;
        }
        out.end(() => {
          if (!failed) resolvePromise();
        });
      });
    });
    const hashes: FileHashes = { sha256: sha.digest('hex'), md5: md5.digest('hex'), bytes: loaded };
    if (expected.bytes !== undefined && loaded !== expected.bytes) {
      throw new DownloadError(file, `${finalUrl} sent ${loaded} bytes, expected ${expected.bytes}`, { url });
    }
    if (expected.sha256 && hashes.sha256 !== expected.sha256) {
      throw new ChecksumError(file, 'sha256', expected.sha256, hashes.sha256, `downloaded from ${finalUrl}`);
    }
    if (!expected.sha256 && expected.md5 && hashes.md5 !== expected.md5) {
      throw new ChecksumError(file, 'md5', expected.md5, hashes.md5, `downloaded from ${finalUrl}`);
    }
    await rename(tmp, target);
    return hashes;
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** `base` + the base name of `name` (mirror base URLs end with `/`; one is added if missing). */
export function mirrorUrl(base: string, name: string): string {
  return (base.endsWith('/') ? base : `${base}/`) + basename(name);
}
