/** Fetches a static file as bytes, reporting progress; fails with one line naming the URL. */

/** Progress of one download. */
export interface FetchProgress {
  loaded: number;
  /** From Content-Length; undefined when the server does not say. */
  total?: number;
}

/** Thrown when a file cannot be fetched (missing, server error, network). */
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

/** GETs `url` and returns its bytes. */
export async function fetchBytes(url: string, onProgress?: (p: FetchProgress) => void, signal?: AbortSignal): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (err) {
    throw new FetchError(url, undefined, `${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!res.ok) throw new FetchError(url, res.status, `${url}: HTTP ${res.status} ${res.statusText}`.trim());
  const header = res.headers.get('content-length');
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
    onProgress({ loaded, total });
  }
  const out = new Uint8Array(loaded);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
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
