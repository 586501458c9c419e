/**
 * The test images a run was evaluated on, read back by index from the data files its record
 * names (MNIST, PneumoniaMNIST, or a chest X-ray folder): for the report's image grids and
 * explanation figures and for `nnlab explain --test`.
 */
import { join } from 'node:path';
import { loadMnist, loadPneumoniaMnist, openChestXray } from '@nnlab/datasets/node';
import type { RunRecord } from '@nnlab/experiments';
import type { TestImageSource } from './build-report';

/** The MNIST test images a run read (same folder), by index. */
export async function mnistSource(record: RunRecord | undefined): Promise<TestImageSource | undefined> {
  if (!record) return undefined;
  const file = record.config.data.files.find((f) => f.name.includes('t10k-images'));
  const dir = file?.origin === 'explicit' && file.path ? join(file.path, '..') : undefined;
  const mnist = await loadMnist({ dir, limit: { train: 1 } });
  const { images, rows, cols, count } = mnist.test;
  return { image: (i) => (i < count ? { pixels: images.subarray(i * rows * cols, (i + 1) * rows * cols), height: rows, width: cols } : undefined) };
}

/** The chest X-ray test images a pneumonia run read, by index (in the run's evaluation order). */
export async function xraySource(record: RunRecord | undefined): Promise<TestImageSource | undefined> {
  if (!record) return undefined;
  const data = record.config.data;
  if (data.name === 'pneumoniamnist') {
    const f = data.files[0];
    const pm = await loadPneumoniaMnist(f?.origin === 'explicit' && f.path ? { path: f.path } : {});
    const { images, rows, cols, count } = pm.test;
    return { image: (i) => (i < count ? { pixels: images.subarray(i * rows * cols, (i + 1) * rows * cols), height: rows, width: cols } : undefined) };
  }
  const root = data.files[0]?.path;
  if (!root) return undefined;
  const folder = await openChestXray(root, { imageSize: [128, 128] });
  const test = folder.splits.test;
  if (!test) return undefined;
  return { image: async (i) => (i < test.count ? { pixels: await test.readBatch([i]), height: 128, width: 128 } : undefined) };
}

/** The test images a run was evaluated on (MNIST or chest X-rays), by index. */
export function testImageSource(record: RunRecord): Promise<TestImageSource | undefined> {
  return record.config.model === 'cnn-pneumonia' ? xraySource(record) : mnistSource(record);
}
