// PneumoniaMNIST (MedMNIST v2): an `.npz` with train/val/test images (n, 28, 28) uint8 and labels
// (n, 1) uint8, 0 = normal, 1 = pneumonia. The 64/128/224 variants have the same keys.
import { DatasetFormatError } from './errors';
import type { MnistSplit } from './mnist-split';
import { parseNpz, type NpzArrays } from './npz';

/** The three official splits. */
export interface PneumoniaMnist {
  train: MnistSplit;
  val: MnistSplit;
  test: MnistSplit;
}

/** Official class names, by label. */
export const PNEUMONIAMNIST_CLASS_NAMES = ['normal', 'pneumonia'] as const;

const SPLITS = ['train', 'val', 'test'] as const;
const KEYS = SPLITS.flatMap((s) => [`${s}_images`, `${s}_labels`]);

/**
 * Builds the train/val/test splits from the `.npz` bytes (or already parsed arrays), checking the
 * official keys, shapes `(n, rows, cols)` / `(n, 1)` or `(n,)`, matching counts and labels 0/1.
 * @throws DatasetFormatError naming `source` and the array.
 */
export function pneumoniaMnistFromNpz(npz: Uint8Array | NpzArrays, source: string): PneumoniaMnist {
  const arrays = npz instanceof Uint8Array ? parseNpz(npz, source, { keys: KEYS }) : npz;
  const missing = KEYS.filter((k) => !arrays[k]);
  if (missing.length) {
    throw new DatasetFormatError(source, `missing array(s) ${missing.join(', ')}; found ${Object.keys(arrays).join(', ') || 'none'}`);
  }
  const split = (name: (typeof SPLITS)[number]): MnistSplit => {
    const images = arrays[`${name}_images`];
    const labels = arrays[`${name}_labels`];
    const where = (k: string) => `${source}:${name}_${k}`;
    if (images.shape.length !== 3) {
      throw new DatasetFormatError(where('images'), `expected shape (n, rows, cols), got (${images.shape.join(', ')})`);
    }
    const [count, rows, cols] = images.shape;
    const ls = labels.shape;
    if (!(ls.length === 1 || (ls.length === 2 && ls[1] === 1))) {
      throw new DatasetFormatError(where('labels'), `expected shape (n, 1) or (n,), got (${ls.join(', ')})`);
    }
    if (ls[0] !== count) throw new DatasetFormatError(where('labels'), `has ${ls[0]} labels for ${count} images`);
    for (let i = 0; i < count; i++) {
      if (labels.data[i] > 1) throw new DatasetFormatError(where('labels'), `label ${labels.data[i]} at index ${i} is not 0 or 1`);
    }
    return { images: images.data, labels: labels.data, count, rows, cols };
  };
  return { train: split('train'), val: split('val'), test: split('test') };
}
