/**
 * Fetches a static file as bytes, reporting monotonic progress; fails with one line naming the URL.
 * A file the server re-encoded (`Content-Encoding` on a `.gz`/`.npz`: the browser hands over the
 * unpacked bytes, not the file) is refused with what to fix on the server.
 */
import { concatBytes } from '@nnlab/core';

/** Progress of one download. */
export interface FetchProgress {
  /** Bytes received so far (never more than `total`, never decreasing). */
  loaded: number;
  /** From Content-Length; undefined when the server does not say. */
  total?: number;
}

/** Thrown when a file cannot be fetched (missing, server error, network, re-encoded). */
export class FetchError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** Options of `fetchBytes`. */
export interface FetchBytesOptions {
  onProgress?: (p: FetchProgress) => void;
  signal?: AbortSignal;
  /** Refuse a response with a Content-Encoding (binary files that must arrive byte-exact). */
  exact?: boolean;
}

/** GETs `url` and returns its bytes. */
export async function fetchBytes(url: string, options: FetchBytesOptions = {}): Promise<Uint8Array> {
  const { onProgress, signal } = options;
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (err) {
    signal?.throwIfAborted();
    throw new FetchError(url, undefined, `${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!res.ok) throw new FetchError(url, res.status, `${url}: HTTP ${res.status} ${res.statusText}`.trim());
  const encoding = res.headers.get('content-encoding');
  if (options.exact && encoding && encoding !== 'identity') {
    await res.body?.cancel();
    throw new FetchError(
      url,
      res.status,
      `${url}: the server sent it with Content-Encoding: ${encoding}, so the browser unpacked it — serve data files byte-exact (npm run web does; see the web app's README for static hosts)`,
    );
  }
  const header = encoding ? null : res.headers.get('content-length');
  const total = header ? Number(header) : undefined;
  if (!res.body || !onProgress) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress({ loaded: total === undefined ? loaded : Math.min(loaded, total), total });
  }
  return concatBytes(chunks);
}

/** True when the server has the file (HEAD request answered 2xx). */
export async function fileExists(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'HEAD' });
    return res.ok;
  } catch {
    return false;
  }
}
