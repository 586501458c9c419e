/**
 * PneumoniaMNIST in the browser: the vendored `.npz` (28×28 chest X-rays, train/val/test, labels
 * 0 = normal, 1 = pneumonia) fetched from the app's static files, verified and parsed by
 * `@nnlab/datasets`.
 */
import { PNEUMONIAMNIST_FILE_NAME, pneumoniaMnistFromNpz, verifyKnownFile, type PneumoniaMnist } from '@nnlab/datasets';
import { assetUrl } from './asset-url';
import { fetchBytes, fileExists } from './fetch-bytes';
import type { DownloadProgress } from './mnist-source';

let cached: Promise<PneumoniaMnist> | undefined;
let bytesCached: Promise<Uint8Array> | undefined;

/** URL of the vendored file. */
export function pneumoniaMnistUrl(): string {
  return assetUrl(`data/${PNEUMONIAMNIST_FILE_NAME}`);
}

/** True when the app serves the file (it is copied at build time only when the repository has it). */
export function pneumoniaMnistAvailable(): Promise<boolean> {
  return fileExists(pneumoniaMnistUrl());
}

/** Fetches (once) and verifies the PneumoniaMNIST file's bytes. */
export function fetchPneumoniaBytes(onProgress?: DownloadProgress): Promise<Uint8Array> {
  if (!bytesCached) {
    bytesCached = (async () => {
      const bytes = await fetchBytes(pneumoniaMnistUrl(), { exact: true, onProgress: (p) => onProgress?.(p.loaded, p.total ?? 0) });
      await verifyKnownFile(PNEUMONIAMNIST_FILE_NAME, bytes);
      return bytes;
    })().catch((err) => {
      bytesCached = undefined;
      throw err;
    });
  }
  return bytesCached;
}

/** Fetches (once), verifies and parses PneumoniaMNIST. */
export function loadPneumoniaMnist(onProgress?: DownloadProgress): Promise<PneumoniaMnist> {
  if (!cached) {
    cached = (async () => {
      const bytes = await fetchPneumoniaBytes(onProgress);
      return pneumoniaMnistFromNpz(bytes, PNEUMONIAMNIST_FILE_NAME);
    })().catch((err) => {
      cached = undefined;
      throw err;
    });
  }
  return cached;
}
