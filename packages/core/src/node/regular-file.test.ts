import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBytes, insideFolder, readRegularFile, type FileProblemKind } from './regular-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-regular-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

class Problem extends Error {
  constructor(
    message: string,
    readonly kind: FileProblemKind,
  ) {
    super(message);
  }
}
const fail = (file: string, problem: string, kind: FileProblemKind) => new Problem(`${file}: ${problem}`, kind);

function problemOf(path: string, maxBytes = 1 << 20, exactBytes?: number): { message: string; kind: FileProblemKind } {
  try {
    readRegularFile(path, { maxBytes, exactBytes }, fail);
  } catch (err) {
    return { message: (err as Problem).message, kind: (err as Problem).kind };
  }
  throw new Error('read succeeded');
}

describe('readRegularFile', () => {
  it('reads a regular file whole', () => {
    writeFileSync(join(dir, 'a'), 'hello');
    expect(Buffer.from(readRegularFile(join(dir, 'a'), { maxBytes: 5, exactBytes: 5 }, fail)).toString()).toBe('hello');
  });

  it('refuses what is not a regular file, before opening it', () => {
    mkdirSync(join(dir, 'd'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync('/dev/zero', join(dir, 'zero'));
    expect(problemOf(join(dir, 'missing'))).toEqual({ message: `${join(dir, 'missing')}: no such file`, kind: 'missing' });
    expect(problemOf(join(dir, 'd'))).toEqual({ message: `${join(dir, 'd')}: is a folder, not a file`, kind: 'not-a-file' });
    expect(problemOf(join(dir, 'fifo'))).toEqual({ message: `${join(dir, 'fifo')}: is a FIFO (named pipe), not a file`, kind: 'not-a-file' });
    expect(problemOf(join(dir, 'zero'))).toEqual({ message: `${join(dir, 'zero')}: is a device, not a file`, kind: 'not-a-file' });
  });

  it('refuses files over the limit or of the wrong size', () => {
    writeFileSync(join(dir, 'big'), new Uint8Array(3000));
    expect(problemOf(join(dir, 'big'), 2048)).toEqual({
      message: `${join(dir, 'big')}: is 2.9 KiB, more than the 2.0 KiB nnlab reads from such a file`,
      kind: 'too-large',
    });
    expect(problemOf(join(dir, 'big'), 4096, 10)).toEqual({ message: `${join(dir, 'big')}: holds 3000 bytes, expected 10`, kind: 'wrong-size' });
  });

  it('formats sizes for people', () => {
    expect([formatBytes(812), formatBytes(3 * 1024 ** 3), formatBytes(12.5 * 1024 ** 2)]).toEqual(['812 bytes', '3.0 GiB', '12.5 MiB']);
  });
});

describe('insideFolder', () => {
  it('keeps relative paths that stay inside and refuses those that leave', () => {
    mkdirSync(join(dir, 'run', 'model'), { recursive: true });
    symlinkSync('/etc', join(dir, 'run', 'escape'));
    const run = join(dir, 'run');
    expect(insideFolder(run, 'model')).toBe(join(run, 'model'));
    expect(insideFolder(run, 'model/../model')).toBe(join(run, 'model'));
    for (const bad of ['../other', '/etc', '', '.', 'model/../../x', 'escape', 'escape/passwd', 'a\0b'])
      expect([bad, insideFolder(run, bad)]).toEqual([bad, undefined]);
  });
});
