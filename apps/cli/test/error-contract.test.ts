/**
 * The error contract through the real bin: every bad input a user can give gets one line on
 * stderr naming the file or flag and the problem, and the exit code of its class (2 usage,
 * 3 data, 6 model files) — never a raw Node error, a stack, a hang or a silent wrong result.
 * Each case runs before any training (they are all refused up front), so the file stays fast.
 */
import { closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { runCli } from './run-cli';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-errors-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Asserts one stderr line matching `message` and the exit code. */
function expectError(args: string[], code: number, message: RegExp | string, env: Record<string, string> = {}) {
  const r = runCli(args, env, 60000);
  const lines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('nnlab: error:'));
  expect({ args: args.join(' '), status: r.status, lines: lines.length }).toEqual({ args: args.join(' '), status: code, lines: 1 });
  if (typeof message === 'string') expect(lines[0]).toContain(message);
  else expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
  return r;
}

describe('usage errors (exit 2)', () => {
  it('flags that do not apply to the chosen model are refused, not recorded', () => {
    expectError(['train', 'mlp-raw', '--image-size', '64', '--no-record'], 2, /imageSize applies to an image input; mlp-raw reads vectors/);
    expectError(['train', 'mlp-raw', '--orientations', '9', '--no-record'], 2, '--orientations does not apply to mlp-raw: it is for mlp-hog');
    expectError(['train', 'cnn-pneumonia', '--block-norm', 'L1', '--no-record'], 2, '--block-norm does not apply to cnn-pneumonia');
  });

  it('bad sweep lists, and bad grid points, before anything trains', () => {
    const runs = join(tmp, 'sweep-runs');
    expectError(['sweep', 'mlp-raw', '--epochs', '1,x', '--runs-dir', runs], 2, "--epochs expects an integer in 1..100000, got 'x'");
    expectError(['sweep', 'mlp-raw', '--epochs', '1,,2', '--runs-dir', runs], 2, '--epochs expects a comma list');
    expectError(['sweep', 'mlp-raw', '--learning-rate', '0.01,-1', '--runs-dir', runs], 2, '--learning-rate expects a number');
    expectError(['sweep', 'mlp-raw', '--hidden', '16,0', '--runs-dir', runs], 2, '--hidden expects an integer');
    expectError(['sweep', 'mlp-raw', '--epochs', '1', '--image-size', '28,32', '--runs-dir', runs], 2, /imageSize applies to an image input/);
    expectError(['sweep', 'mlp-raw', '--epochs', '1,2', '--pixels-per-cell', '4', '--runs-dir', runs], 2, '--pixels-per-cell does not apply to mlp-raw');
    expect(existsSync(runs)).toBe(false);
  });

  it('a --runs-dir that is a file, or that cannot be created, is named in one line', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    expectError(['train', 'mlp-raw', '--limit', '100', '--epochs', '1', '--runs-dir', file], 2, `${file}: is a file`);
    expectError(['runs', 'list', '--runs-dir', file], 2, `${file}: is a file, not a folder of run records`);
    expectError(
      ['train', 'mlp-raw', '--limit', '100', '--epochs', '1', '--runs-dir', '/sys/nnlab-runs'],
      2,
      /\/sys\/nnlab-runs: cannot be created: a parent folder is not writable/,
    );
  });

  it('hog --out naming a folder: refused, and no temp file left in it', () => {
    const out = join(tmp, 'out-folder');
    mkdirSync(out);
    expectError(
      ['hog', join(__dirname, '../../../data/mnist/t10k-images-idx3-ubyte.gz'), '--draw', '0', '--out', out],
      2,
      `${out}: is a folder; give a file name`,
    );
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(tmp).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('data errors (exit 3)', () => {
  it('a PneumoniaMNIST .npz over 2 GiB: named, refused before reading', () => {
    const big = join(tmp, 'huge.npz');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 3 * 1024 ** 3); // sparse
    closeSync(fd);
    expectError(['train', 'cnn-pneumonia', '--data', big, '--epochs', '1', '--no-record'], 3, `${big}: is 3.0 GiB, more than the 2.0 GiB`);
  });

  it("8×8 IDX images for a model that reads 28×28 pixels: said in the user's terms", () => {
    const dir = join(tmp, 'idx8');
    mkdirSync(dir);
    const idx = (dims: number[], type: number, body: Uint8Array) => {
      const head = Buffer.alloc(4 + 4 * dims.length);
      head.writeUInt8(type, 2);
      head.writeUInt8(dims.length, 3);
      dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
      return gzipSync(Buffer.concat([head, body]));
    };
    for (const [name, n] of [
      ['train', 60],
      ['t10k', 10],
    ] as const) {
      writeFileSync(join(dir, `${name}-images-idx3-ubyte.gz`), idx([n, 8, 8], 0x08, new Uint8Array(n * 64).fill(7)));
      writeFileSync(
        join(dir, `${name}-labels-idx1-ubyte.gz`),
        idx(
          [n],
          0x08,
          Uint8Array.from({ length: n }, (_, i) => i % 10),
        ),
      );
    }
    expectError(['train', 'mlp-raw', '--data', dir, '--epochs', '1', '--no-record'], 2, "the data's 8×8 images do not match the model's 28×28 input");
  });

  it('a truncated JPEG in an X-ray folder is refused by name while loading, before training starts', async () => {
    const root = join(tmp, 'xrays');
    let k = 0;
    for (const split of ['train', 'test']) {
      for (const cls of ['NORMAL', 'PNEUMONIA']) {
        mkdirSync(join(root, split, cls), { recursive: true });
        for (let i = 0; i < 4; i++) {
          const px = Buffer.alloc(24 * 24, (k++ * 53) % 256);
          await sharp(px, { raw: { width: 24, height: 24, channels: 1 } })
            .png()
            .toFile(join(root, split, cls, `${i}.png`));
        }
      }
    }
    const jpeg = await sharp(Buffer.alloc(64 * 64, 128), { raw: { width: 64, height: 64, channels: 1 } })
      .jpeg()
      .toBuffer();
    const broken = join(root, 'train', 'PNEUMONIA', 'broken.jpeg');
    writeFileSync(broken, jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    const r = runCli(['train', 'cnn-pneumonia', '--data', root, '--image-size', '32', '--epochs', '1', '--no-record', '--json', '--verbose'], {}, 120000);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`refused 1 image(s) that do not decode: ${broken} (cannot `);
    expect(r.stderr.indexOf(broken)).toBeLessThan(r.stderr.indexOf('training on'));
    expect(r.json<{ status: string }>().status).toBe('complete');
  });
});
