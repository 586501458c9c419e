import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ChecksumError, DatasetNotFoundError, DownloadError } from '../errors';
import { redirect, serve, silent, stall, startServer, truncated, type TestServer } from '../testing/http-server';
import type { DatasetProgressEvent } from './progress-events';
import { resolveDataFile, type ResolveDataFileOptions } from './resolve-data-file';

const REPO_DATA = join(__dirname, '../../../../data');
const NAME = 'mnist/t10k-labels-idx1-ubyte.gz';
const SHA = 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6';
const GOOD = new Uint8Array(readFileSync(join(REPO_DATA, NAME)));
const BAD = Uint8Array.from(GOOD, (b, i) => (i === 100 ? b ^ 1 : b));

let tmp: string;
let server: TestServer;
let cacheDir: string;
/** No env, no vendored data, a fresh cache, downloads only from the local server. */
let base: ResolveDataFileOptions;

function put(path: string, bytes: Uint8Array): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  server = await startServer({
    '/good/t10k-labels-idx1-ubyte.gz': serve(GOOD),
    '/bad/t10k-labels-idx1-ubyte.gz': serve(BAD),
    '/short/t10k-labels-idx1-ubyte.gz': truncated(GOOD, 1000),
    '/slow/t10k-labels-idx1-ubyte.gz': stall(GOOD, 100),
    '/silent/t10k-labels-idx1-ubyte.gz': silent,
    '/moved/t10k-labels-idx1-ubyte.gz': redirect('/good/t10k-labels-idx1-ubyte.gz'),
  });
});
afterAll(() => server.close());
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nnlab-resolve-'));
  cacheDir = join(tmp, 'cache');
  base = { env: {}, vendorDir: null, cacheDir, mirrors: [`${server.url}/none/`], timeoutMs: 2000 };
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('resolveDataFile: local copies', () => {
  it('uses an explicit file or folder first, without verifying user data by default', async () => {
    const file = put(join(tmp, 'mine', 't10k-labels-idx1-ubyte.gz'), BAD);
    const r = await resolveDataFile(NAME, { ...base, vendorDir: REPO_DATA, path: file });
    expect(r).toMatchObject({ name: NAME, resolvedName: NAME, path: file, origin: 'explicit', verified: false, bytes: GOOD.length });
    expect((await resolveDataFile(NAME, { ...base, path: join(tmp, 'mine') })).path).toBe(file);
    await expect(resolveDataFile(NAME, { ...base, path: join(tmp, 'mine'), verifyUserFiles: true })).rejects.toThrow(ChecksumError);
  });

  it('finds uncompressed copies in user folders and fails when an explicit folder lacks the file', async () => {
    const file = put(join(tmp, 'raw', 't10k-labels-idx1-ubyte'), GOOD);
    expect((await resolveDataFile(NAME, { ...base, path: join(tmp, 'raw') })).path).toBe(file);
    const err = await resolveDataFile(NAME, { ...base, vendorDir: REPO_DATA, path: join(tmp, 'empty-nothing') }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetNotFoundError);
    expect(err.message).toMatch(/^mnist\/t10k-labels-idx1-ubyte.gz: explicit path .*empty-nothing does not exist$/);
    mkdirSync(join(tmp, 'empty'));
    await expect(resolveDataFile(NAME, { ...base, vendorDir: REPO_DATA, path: join(tmp, 'empty') })).rejects.toThrow(/not found in the explicit folder/);
  });

  it('then NNLAB_DATA_DIR, then the vendored copy (verified), then the cache', async () => {
    const envFile = put(join(tmp, 'env', NAME), GOOD);
    const env = { NNLAB_DATA_DIR: join(tmp, 'env') };
    expect(await resolveDataFile(NAME, { ...base, env, vendorDir: REPO_DATA })).toMatchObject({ path: envFile, origin: 'env', verified: true, sha256: SHA });
    expect(await resolveDataFile(NAME, { ...base, vendorDir: REPO_DATA })).toMatchObject({
      path: join(REPO_DATA, NAME),
      origin: 'vendored',
      verified: true,
      sha256: SHA,
    });
    const cached = put(join(cacheDir, NAME), GOOD);
    expect(await resolveDataFile(NAME, base)).toMatchObject({ path: cached, origin: 'cache', verified: true });
    // NNLAB_CACHE_DIR when no cacheDir option is given
    const { cacheDir: _omit, ...noCache } = base;
    expect(await resolveDataFile(NAME, { ...noCache, env: { NNLAB_CACHE_DIR: cacheDir } })).toMatchObject({ origin: 'cache' });
  });

  it('finds the repository data by walking up from the module by default', async () => {
    const { vendorDir: _omit, ...rest } = base;
    expect(await resolveDataFile(NAME, rest)).toMatchObject({ origin: 'vendored', path: join(REPO_DATA, NAME) });
  });

  it('skips a corrupt vendored copy (reported) and moves on to the cache', async () => {
    const vendor = join(tmp, 'vendor');
    put(join(vendor, NAME), BAD);
    put(join(vendor, 'SHA256SUMS'), new TextEncoder().encode(`${SHA}  ${NAME}\n`));
    put(join(cacheDir, NAME), GOOD);
    const events: DatasetProgressEvent[] = [];
    const r = await resolveDataFile(NAME, { ...base, vendorDir: vendor, onProgress: (e) => events.push(e) });
    expect(r.origin).toBe('cache');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'rejected', origin: 'vendored', file: NAME });
    expect((events[0] as { error: Error }).error.message).toMatch(/sha256 mismatch \(vendored copy .*\): expected f7ae60f9/);
  });

  it('says where it looked when nothing is found and downloads are off', async () => {
    const err = await resolveDataFile(NAME, { ...base, env: { NNLAB_OFFLINE: '1' } }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetNotFoundError);
    expect(err.message).toMatch(/not found in .*cache.*\(downloads are off: NNLAB_OFFLINE is set\)$/);
    expect(err.searched.length).toBeGreaterThan(0);
    await expect(resolveDataFile('../etc/passwd', base)).rejects.toThrow(/must be a relative data name/);
  });
});

describe('resolveDataFile: downloads (local server only)', () => {
  const noTmpFiles = () => {
    const dir = join(cacheDir, 'mnist');
    expect(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tmp')) : []).toEqual([]);
  };

  it('downloads into the cache with progress events, then finds it there', async () => {
    const events: DatasetProgressEvent[] = [];
    const r = await resolveDataFile(NAME, { ...base, mirrors: [`${server.url}/good/`], onProgress: (e) => events.push(e) });
    expect(r).toMatchObject({ origin: 'download', path: join(cacheDir, NAME), sha256: SHA, verified: true });
    expect(readFileSync(r.path)).toEqual(Buffer.from(GOOD));
    const last = events[events.length - 1];
    expect(last).toEqual({ type: 'download', file: NAME, url: `${server.url}/good/t10k-labels-idx1-ubyte.gz`, loaded: GOOD.length, total: GOOD.length });
    expect((await resolveDataFile(NAME, base)).origin).toBe('cache');
    noTmpFiles();
  });

  it('tries mirrors in order: a 404 on the first, success on the second', async () => {
    const events: DatasetProgressEvent[] = [];
    const r = await resolveDataFile(NAME, { ...base, mirrors: [`${server.url}/none/`, `${server.url}/moved/`], onProgress: (e) => events.push(e) });
    expect(r.origin).toBe('download');
    const failed = events.filter((e) => e.type === 'mirror-failed');
    expect(failed).toHaveLength(1);
    expect((failed[0] as { error: Error }).error.message).toBe(`${NAME}: HTTP 404 from ${server.url}/none/t10k-labels-idx1-ubyte.gz`);
  });

  it('deletes the temporary file and names file, expected and actual hash on a checksum mismatch', async () => {
    const err = await resolveDataFile(NAME, { ...base, mirrors: [`${server.url}/bad/`] }).catch((e) => e);
    expect(err).toBeInstanceOf(ChecksumError);
    expect(err.message).toMatch(
      new RegExp(`^${NAME}: sha256 mismatch \\(downloaded from http://127.0.0.1:\\d+/bad/t10k-labels-idx1-ubyte.gz\\): expected ${SHA}, got [0-9a-f]{64}$`),
    );
    expect(existsSync(join(cacheDir, NAME))).toBe(false);
    noTmpFiles();
  });

  it('fails on a response shorter than its Content-Length', async () => {
    const err = await resolveDataFile(NAME, { ...base, mirrors: [`${server.url}/short/`] }).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.message).toMatch(/connection closed early by .*: got 1000 of 4542 bytes$/);
    expect(existsSync(join(cacheDir, NAME))).toBe(false);
    noTmpFiles();
  });

  it('times out on a silent or stalled server', async () => {
    const silentErr = await resolveDataFile(NAME, { ...base, mirrors: [`${server.url}/silent/`], timeoutMs: 200 }).catch((e) => e);
    expect(silentErr).toBeInstanceOf(DownloadError);
    expect(silentErr.message).toMatch(/: no data for 200 ms from .*\/silent\/t10k-labels-idx1-ubyte.gz \(timed out\)$/);
    const stalled = await resolveDataFile(NAME, { ...base, mirrors: [`${server.url}/slow/`], timeoutMs: 200 }).catch((e) => e);
    expect(stalled).toBeInstanceOf(DownloadError);
    expect(stalled.message).toMatch(/no data for 200 ms .*\(timed out\) after 100 of 4542 bytes$/);
    noTmpFiles();
  });

  it('lists every failed mirror when all fail', async () => {
    const err = await resolveDataFile(NAME, { ...base, mirrors: [`${server.url}/none/`, `${server.url}/bad/`] }).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.attempts).toHaveLength(2);
    expect(err.message).toMatch(/^mnist\/t10k-labels-idx1-ubyte.gz: all 2 download attempts failed: HTTP 404 .*; sha256 mismatch/);
    expect(err.message).not.toMatch(/\n/);
  });
});

describe('resolveDataFile: alternatives and size checks', () => {
  it('accepts the official PneumoniaMNIST file in place of the reassembled one, verified by MD5', async () => {
    const name = 'pneumoniamnist/pneumoniamnist_reassembled.npz';
    put(join(cacheDir, 'pneumoniamnist/pneumoniamnist.npz'), GOOD);
    const events: DatasetProgressEvent[] = [];
    const err = await resolveDataFile(name, { ...base, onProgress: (e) => events.push(e) }).catch((e) => e);
    expect(events[0]).toMatchObject({ type: 'rejected', origin: 'cache', file: 'pneumoniamnist/pneumoniamnist.npz' });
    expect((events[0] as { error: Error }).error.message).toMatch(/md5 mismatch .*expected 28209eda62fecd6e6a2d98b1501bb15f/);
    // given mirrors are asked for both names (a mirror may host the reassembled file), in order
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.message).toBe(
      `${name}: all 2 download attempts failed: HTTP 404 from ${server.url}/none/pneumoniamnist_reassembled.npz; ` +
        `HTTP 404 from ${server.url}/none/pneumoniamnist.npz`,
    );
  });

  it('refuses a body whose Content-Length differs from the known size', async () => {
    const other = await startServer({ '/m/t10k-labels-idx1-ubyte.gz': serve(GOOD.subarray(0, 4000)) });
    try {
      const err = await resolveDataFile(NAME, { ...base, mirrors: [`${other.url}/m/`] }).catch((e) => e);
      expect(err.message).toMatch(/announces 4000 bytes, expected 4542$/);
    } finally {
      await other.close();
    }
  });
});
