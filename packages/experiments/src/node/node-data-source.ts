/**
 * The Node data source: MNIST through the resolver of `@nnlab/datasets/node` (`--data` folder →
 * `NNLAB_DATA_DIR` → the vendored copy → the cache → a verified download), chest X-rays from a
 * Kaggle-layout folder (`{train,val,test}/{NORMAL,PNEUMONIA}`, decoded on read at the model's
 * size), a PneumoniaMNIST `.npz`, or the embedded PneumoniaMNIST. Records each file read with its
 * checksum.
 */
import { existsSync, statSync } from 'node:fs';
import type { MnistSplit } from '@nnlab/datasets';
import { loadMnist, loadPneumoniaMnist, openChestXray, type ImageFolderSplit } from '@nnlab/datasets/node';
import type { DataSource, StreamedImageSplit } from '../data-source';
import { ExperimentOptionError } from '../errors';

/** Options of `nodeDataSource`. */
export interface NodeDataSourceOptions {
  /**
   * Where to read: an MNIST folder; for X-rays a chest_xray folder, a PneumoniaMNIST `.npz`, or
   * `pneumoniamnist` (the embedded copy). Default: the resolver's order.
   */
  data?: string;
  /** Decoded-image cache of a folder source, in bytes. Default 512 MiB. */
  folderCacheBytes?: number;
}

const DEFAULT_FOLDER_CACHE = 512 * 1024 * 1024;

function limitSplit(split: MnistSplit, limit: number | undefined): MnistSplit {
  if (!limit || limit >= split.count) return split;
  const px = split.rows * split.cols;
  return { ...split, count: limit, images: split.images.subarray(0, limit * px), labels: split.labels.subarray(0, limit) };
}

function firstOfFolder(split: ImageFolderSplit, limit: number | undefined): StreamedImageSplit {
  const count = limit ? Math.min(limit, split.count) : split.count;
  return { count, rows: split.rows, cols: split.cols, labels: split.labels.subarray(0, count), readBatch: (idx) => split.readBatch(idx) };
}

/** Reads datasets from files. */
export function nodeDataSource(options: NodeDataSourceOptions = {}): DataSource {
  const { data } = options;
  return {
    async mnist(limit) {
      const m = await loadMnist({ dir: data, limit });
      return {
        name: 'mnist',
        description: `MNIST ${m.train.count} train / ${m.test.count} test images (${m.files[0]?.origin ?? 'files'})`,
        files: m.files.map((f) => ({ name: f.name, sha256: f.sha256, origin: f.origin, path: f.path })),
        train: m.train,
        test: m.test,
      };
    },
    async xrays({ imageSize, limit }) {
      const isFolder = data && data !== 'pneumoniamnist' && existsSync(data) && statSync(data).isDirectory();
      if (isFolder) {
        // verify: every image decoded now, so a damaged file is refused (and named) before training
        // starts instead of stopping it mid-epoch
        const folder = await openChestXray(data, {
          imageSize: [imageSize, imageSize],
          cacheBytes: options.folderCacheBytes ?? DEFAULT_FOLDER_CACHE,
          verify: true,
        });
        const corrupt = folder.skipped.filter((s) => s.reason === 'corrupt');
        const others = folder.skipped.length - corrupt.length;
        const { train, val, test } = folder.splits;
        if (!train || !test)
          throw new ExperimentOptionError(`${data}: expected train/ and test/ split folders (found ${Object.keys(folder.splits).join(', ') || 'none'})`);
        const t = firstOfFolder(train, limit);
        return {
          name: 'chest-xray-folder',
          description:
            `chest X-rays ${t.count} train / ${val?.count ?? 0} validation / ${test.count} test at ${imageSize}×${imageSize} (${data})` +
            (others ? `; skipped ${others} non-image file(s)` : '') +
            (corrupt.length ? `; refused ${corrupt.length} image(s) that do not decode: ${corrupt.map((c) => `${c.path} (${c.problem})`).join(', ')}` : ''),
          files: [{ name: 'chest_xray', sha256: 'n/a (folder)', origin: 'explicit', path: folder.root }],
          train: t,
          validation: val && val.count > 0 ? firstOfFolder(val, undefined) : undefined,
          test: firstOfFolder(test, undefined),
          notes: { skipped: others, refused: corrupt.map((c) => c.path) },
        };
      }
      const npzPath = data && data !== 'pneumoniamnist' ? data : undefined;
      const pm = await loadPneumoniaMnist(npzPath ? { path: npzPath } : {});
      const train = limitSplit(pm.train, limit);
      return {
        name: 'pneumoniamnist',
        description: `PneumoniaMNIST ${train.count} train / ${pm.val.count} validation / ${pm.test.count} test, 28×28 resized to ${imageSize}×${imageSize} (${pm.file.origin})`,
        files: [{ name: pm.file.name, sha256: pm.file.sha256, origin: pm.file.origin, path: pm.file.path }],
        train,
        validation: pm.val,
        test: pm.test,
        notes: { resizedFrom: '28x28' },
      };
    },
  };
}
