// NumPy `.npz` archives: a ZIP of `.npy` files (np.savez / np.savez_compressed).
import { DatasetFormatError } from './errors';
import { parseNpy, type NpyArray } from './npy';
import { readZip } from './zip';

/** The arrays of an `.npz`, by key (the entry name without `.npy`). */
export type NpzArrays = Record<string, NpyArray>;

/** Options of {@link parseNpz}. */
export interface ParseNpzOptions {
  /** Only extract these keys (default: all); a missing key is an error. */
  keys?: readonly string[];
  /** Largest array accepted, in bytes (default 1 GiB). */
  maxBytes?: number;
}

/**
 * Parses an `.npz` archive of uint8 arrays. Entries not ending in `.npy` are ignored.
 * @throws DatasetFormatError naming `source` (and the entry) on any problem, or listing the keys
 * found when a requested key is missing.
 */
export function parseNpz(bytes: Uint8Array, source: string, options: ParseNpzOptions = {}): NpzArrays {
  const wanted = options.keys ? new Set(options.keys.map((k) => `${k}.npy`)) : undefined;
  const names: string[] = [];
  const files = readZip(bytes, source, {
    maxEntryBytes: options.maxBytes === undefined ? undefined : options.maxBytes + 65536 + 12,
    filter: (e) => {
      if (e.name.endsWith('.npy')) names.push(e.name.slice(0, -4));
      return e.name.endsWith('.npy') && (!wanted || wanted.has(e.name));
    },
  });
  if (options.keys) {
    const missing = options.keys.filter((k) => !files.has(`${k}.npy`));
    if (missing.length) {
      throw new DatasetFormatError(source, `missing array(s) ${missing.join(', ')}; the archive has ${names.join(', ') || 'no .npy entries'}`);
    }
  }
  const arrays: NpzArrays = Object.create(null);
  for (const [name, data] of files) {
    arrays[name.slice(0, -4)] = parseNpy(data, `${source}:${name}`, { maxBytes: options.maxBytes });
  }
  return arrays;
}
