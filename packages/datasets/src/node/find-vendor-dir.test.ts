import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultVendorDir, findVendorDirFrom } from './find-vendor-dir';

describe('findVendorDirFrom / defaultVendorDir', () => {
  it('finds the repository data/ folder from this module', () => {
    const repoData = resolve(__dirname, '../../../../data');
    expect(defaultVendorDir()).toBe(repoData);
    expect(findVendorDirFrom(join(__dirname, 'deeper', 'still'))).toBe(repoData);
  });

  it('needs a SHA256SUMS next to the data', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'nnlab-vendor-'));
    try {
      mkdirSync(join(tmp, 'a', 'data'), { recursive: true });
      mkdirSync(join(tmp, 'a', 'b', 'c'), { recursive: true });
      expect(findVendorDirFrom(join(tmp, 'a', 'b', 'c'))).not.toBe(join(tmp, 'a', 'data'));
      writeFileSync(join(tmp, 'a', 'data', 'SHA256SUMS'), '');
      expect(findVendorDirFrom(join(tmp, 'a', 'b', 'c'))).toBe(join(tmp, 'a', 'data'));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
