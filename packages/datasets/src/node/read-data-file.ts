// Reading a data file named by the user (an image, an IDX or .npz file) with the resource rules of
// @nnlab/core/node: regular files only, bounded size, and every failure a dataset error naming the
// file — `digit.png: no such file`, `pneumonia.npz: is 3.0 GiB, more than the 2.0 GiB …` — never a
// raw ENOENT/EISDIR or Node's own size error.
import { readRegularFile, type FileProblemKind } from '@nnlab/core/node';
import { DatasetFormatError, DatasetNotFoundError, type DatasetError } from '../errors';

/** Largest data file read into memory: 2 GiB (Node cannot hold one file larger in one buffer). */
export const MAX_DATA_FILE_BYTES = 2 * 1024 ** 3 - 1;

function problem(file: string, text: string, kind: FileProblemKind): DatasetError {
  return kind === 'missing' ? new DatasetNotFoundError(file, text, [file]) : new DatasetFormatError(file, text);
}

/**
 * Reads `path` whole.
 * @throws DatasetNotFoundError when it does not exist; DatasetFormatError when it is a folder,
 * FIFO or device, larger than `maxBytes`, or cannot be read.
 */
export function readDataFile(path: string, maxBytes = MAX_DATA_FILE_BYTES): Uint8Array {
  return readRegularFile(path, { maxBytes }, problem);
}
