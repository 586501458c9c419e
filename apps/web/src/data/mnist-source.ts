/**
 * MNIST in the browser: the four vendored `.gz` files fetched from the app's static files once per
 * page (checked against their known SHA-256), then parsed by the same IDX loader the CLI uses.
 * Limits follow `nnlab train --limit N`: the first N training images and the first ⌈N/6⌉ test ones.
 */
import { MNIST_FILE_NAMES, loadMnistFromBytes, verifyKnownFile, type Mnist, type MnistBytes } from '@nnlab/datasets';
import { assetUrl } from './asset-url';
import { fetchBytes } from './fetch-bytes';

/** Reports how many bytes of all four files arrived. */
export type DownloadProgress = (loaded: number, total: number) => void;

const KEYS = Object.keys(MNIST_FILE_NAMES) as (keyof MnistBytes)[];
let bytesPromise: Promise<MnistBytes> | undefined;

/** Fetches (once) and verifies the four MNIST files. */
export function fetchMnistBytes(onProgress?: DownloadProgress): Promise<MnistBytes> {
  if (!bytesPromise) {
    bytesPromise = downloadAll(onProgress).catch((err) => {
      bytesPromise = undefined;
      throw err;
    });
  }
  return bytesPromise;
}

async function downloadAll(onProgress?: DownloadProgress): Promise<MnistBytes> {
  const loaded: Record<string, number> = {};
  const totals: Record<string, number> = {};
  // The first failure cancels the other downloads and silences their progress: a late progress
  // event must never replace the error on the page.
  const cancel = new AbortController();
  let shown = 0;
  const report = () => {
    if (cancel.signal.aborted) return;
    const l = Object.values(loaded).reduce((a, b) => a + b, 0);
    const t = Object.values(totals).reduce((a, b) => a + b, 0);
    shown = Math.max(shown, t > 0 ? Math.min(l, t) : l);
    onProgress?.(shown, t);
  };
  const entries = await Promise.all(
    KEYS.map(async (key) => {
      const name = MNIST_FILE_NAMES[key];
      try {
        const bytes = await fetchBytes(assetUrl(`data/${name}`), {
          exact: true,
          signal: cancel.signal,
          onProgress: (p) => {
            loaded[key] = p.loaded;
            if (p.total) totals[key] = p.total;
            report();
          },
        });
        await verifyKnownFile(name, bytes);
        return [key, bytes] as const;
      } catch (err) {
        if (!cancel.signal.aborted) cancel.abort(err);
        throw err;
      }
    }),
  );
  return Object.fromEntries(entries) as unknown as MnistBytes;
}

/** Test images read for a training limit, as the CLI does. */
export function testLimitFor(trainLimit: number): number {
  return Math.max(1, Math.ceil(trainLimit / 6));
}

/** MNIST train/test splits, limited like `nnlab train --limit`. */
export async function loadMnist(trainLimit: number | undefined, onProgress?: DownloadProgress): Promise<Mnist> {
  const bytes = await fetchMnistBytes(onProgress);
  const limit = trainLimit === undefined ? undefined : { train: trainLimit, test: testLimitFor(trainLimit) };
  return loadMnistFromBytes(bytes, { limit });
}
