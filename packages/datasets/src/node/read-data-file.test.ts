import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetFormatError, DatasetNotFoundError } from '../errors';
import { decodeGrayscale } from './decode-grayscale';
import { loadPneumoniaMnist } from './load-pneumonia-mnist';
import { readDataFile } from './read-data-file';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-read-data-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('user-named data files: one typed error naming the file', () => {
  it('a missing image: DatasetNotFoundError, not a raw ENOENT', async () => {
    const missing = join(dir, 'digit.png');
    const err = await decodeGrayscale(missing).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetNotFoundError);
    expect(err.message).toBe(`${missing}: no such file`);
  });

  it('a folder given as an image: DatasetFormatError, not a raw EISDIR', async () => {
    mkdirSync(join(dir, 'folder.png'));
    const err = await decodeGrayscale(join(dir, 'folder.png')).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetFormatError);
    expect(err.message).toBe(`${join(dir, 'folder.png')}: is a folder, not a file`);
  });

  it('a data file over 2 GiB is refused by name before anything is read or hashed', async () => {
    const big = join(dir, 'huge.npz');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 3 * 1024 ** 3); // sparse: takes no disk space
    closeSync(fd);
    const t0 = Date.now();
    const err = await loadPneumoniaMnist({ path: big }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetFormatError);
    expect(err.message).toBe(`${big}: is 3.0 GiB, more than the 2.0 GiB nnlab reads from a data file`);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(() => readDataFile(big)).toThrow(`${big}: is 3.0 GiB, more than the 2.0 GiB nnlab reads from such a file`);
  });
});
