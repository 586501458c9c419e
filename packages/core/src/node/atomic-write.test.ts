import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { OutputPathError } from '../errors';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWritableDir, writeDirAtomic, writeFileAtomic, writeJsonAtomic } from './atomic-write';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('atomic writes', () => {
  it('replaces a file and leaves no temp files behind', () => {
    const f = join(dir, 'sub', 'a.json');
    writeJsonAtomic(f, { v: 1 });
    writeJsonAtomic(f, { v: 2 });
    expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual({ v: 2 });
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.json']);
  });

  it('writes bytes exactly', () => {
    const f = join(dir, 'b.bin');
    writeFileAtomic(f, new Uint8Array([1, 2, 3]));
    expect(Array.from(readFileSync(f))).toEqual([1, 2, 3]);
  });

  it('a failing directory fill leaves nothing', async () => {
    await expect(
      writeDirAtomic(join(dir, 'out'), () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('atomic writes to paths that cannot take them', () => {
  it('a folder as the target: OutputPathError naming it, no temp file left', () => {
    const target = join(dir, 'out');
    mkdirSync(target);
    expect(() => writeFileAtomic(target, 'x')).toThrow(OutputPathError);
    expect(() => writeFileAtomic(target, 'x')).toThrow(`${target}: is a folder; give a file name`);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readdirSync(target)).toEqual([]);
  });

  it('a file where a folder is needed: OutputPathError naming it', () => {
    writeFileSync(join(dir, 'f'), 'x');
    expect(() => ensureWritableDir(join(dir, 'f'))).toThrow(`${join(dir, 'f')}: is a file (or lies under one), not a folder`);
    expect(() => writeFileAtomic(join(dir, 'f', 'a.json'), 'x')).toThrow(OutputPathError);
  });

  it('a folder under one nobody may write into (sysfs): OutputPathError, even as root', () => {
    expect(() => ensureWritableDir('/sys/nnlab-runs')).toThrow(
      /^\/sys\/nnlab-runs: cannot be created: a parent folder is not writable \(E(PERM|ACCES|ROFS)\)$/,
    );
  });

  // root may write into a mode-555 folder, so this case can only be seen as another user
  (process.getuid?.() === 0 ? it.skip : it)('a read-only folder: OutputPathError saying it is not writable', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro, { mode: 0o555 });
    expect(() => ensureWritableDir(ro)).toThrow(`${ro}: is not writable`);
    expect(() => ensureWritableDir(join(ro, 'sub'))).toThrow(/cannot be created: a parent folder is not writable/);
  });
});
