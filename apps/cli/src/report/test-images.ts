/**
 * The test images a run was evaluated on, read back by index from the data files its record
 * names (MNIST, PneumoniaMNIST, or a chest X-ray folder): for the report's image grids and
 * explanation figures and for `nnlab explain --test`. The report needs only the records: when the
 * data a run read has moved or gone, these sources are `undefined` and the figures that show test
 * images are left out.
 */
import { join } from 'node:path';
import { loadMnist, loadPneumoniaMnist, openChestXray } from '@nnlab/datasets/node';
import type { RunRecord } from '@nnlab/experiments';
import { DatasetError } from '@nnlab/datasets';
import type { TestImageSource } from './build-report';

/** `load()`, or undefined when the data it reads is missing or unreadable (a data error). */
export async function ifDataReadable<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof DatasetError) return undefined;
    throw err;
  }
}

/** The MNIST test images a run read (same folder), by index. */
export async function mnistSource(record: RunRecord | undefined): Promise<TestImageSource | undefined> {
  return record ? ifDataReadable(() => readMnistSource(record)) : undefined;
}

async function readMnistSource(record: RunRecord): Promise<TestImageSource | undefined> {
  const file = record.config.data.files.find((f) => f.name.includes('t10k-images'));
  const dir = file?.origin === 'explicit' && file.path ? join(file.path, '..') : undefined;
  const mnist = await loadMnist({ dir, limit: { train: 1 } });
  const { images, rows, cols, count } = mnist.test;
  return { image: (i) => (i < count ? { pixels: images.subarray(i * rows * cols, (i + 1) * rows * cols), height: rows, width: cols } : undefined) };
}

/** The chest X-ray test images a pneumonia run read, by index (in the run's evaluation order). */
export async function xraySource(record: RunRecord | undefined): Promise<TestImageSource | undefined> {
  return record ? ifDataReadable(() => readXraySource(record)) : undefined;
}

async function readXraySource(record: RunRecord): Promise<TestImageSource | undefined> {
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
