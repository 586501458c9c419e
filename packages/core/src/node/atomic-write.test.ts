import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDirAtomic, writeFileAtomic, writeJsonAtomic } from './atomic-write';

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
