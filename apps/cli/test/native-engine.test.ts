import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../src/exit-codes';
import { runCli } from './run-cli';

// The native (oneDNN) engine through the CLI: listed by `backends`, picked by `train`, named in
// the run record; with the addon hidden every command still runs on wasm and says so once, and
// NNLAB_REQUIRE_NATIVE=1 turns that into an error.
const HIDDEN = { NNLAB_NATIVE_ADDON: '/nonexistent/nnlab_native.node', NNLAB_REQUIRE_NATIVE: '' };
let runsDir: string;
beforeAll(() => {
  runsDir = mkdtempSync(join(tmpdir(), 'nnlab-native-'));
});
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));

const train = (env: Record<string, string> = {}) => runCli(['train', 'mlp-raw', '--epochs', '1', '--limit', '1200', '--runs-dir', runsDir, '--json'], env);
const recordOf = (r: ReturnType<typeof runCli>) =>
  JSON.parse(readFileSync(join(r.json<{ runDir: string }>().runDir, 'run.json'), 'utf8')) as {
    engine?: { name: string; threads?: number; isa?: string; fallbacks: { engine: string; reason: string }[] };
  };

it('backends lists the native engine with oneDNN version, ISA and threads', () => {
  const r = runCli(['backends', '--json']);
  expect(r.status).toBe(0);
  const native = r.json<{ native: { available: boolean; version: string; isa: string; maxThreads: number; layerKinds: string[] } }>().native;
  expect(native).toMatchObject({ available: true, version: expect.stringMatching(/^2\.\d+\.\d+$/), isa: expect.stringMatching(/avx|sse/) });
  expect(native.layerKinds).toEqual(expect.arrayContaining(['dense', 'flatten', 'conv2d', 'maxPooling2d']));
  const table = runCli(['backends']);
  expect(table.stdout).toMatch(/native \*\s+yes\s+oneDNN 2\./);
});

it('train runs on the native engine and the run record names it', () => {
  const r = train();
  expect(r.status).toBe(0);
  const engine = recordOf(r).engine!;
  expect(engine.name).toBe('native');
  expect(engine.threads).toBe(1);
  expect(engine.isa).toMatch(/avx|sse/);
  expect(engine.fallbacks).toEqual([]);
  // The engine, not the idle tfjs backend, is what people read: in `runs list`, `runs show` and compare.
  const id = r.json<{ runId: string }>().runId;
  const list = runCli(['runs', 'list', '--runs-dir', runsDir]);
  expect(list.stdout).toMatch(new RegExp(`${id}\\s+mlp-raw\\s+complete\\s+1/1\\s+native\\s`));
  const show = runCli(['runs', 'show', id, '--runs-dir', runsDir]);
  expect(show.stdout).toMatch(/samples\/s, native \(oneDNN 2\.\d+\.\d+, \w+, 1 thread\)\)/);
});

it('with the addon hidden, train runs on wasm, says so once, and records why', () => {
  const r = train(HIDDEN);
  expect(r.status).toBe(0);
  expect(r.stderr.match(/native engine unavailable/g)).toHaveLength(1);
  const engine = recordOf(r).engine!;
  expect(engine.name).toBe('fused-dense');
  expect(engine.fallbacks[0]).toEqual({ engine: 'native', reason: expect.stringMatching(/addon was not built/) });
  const human = runCli(['train', 'mlp-raw', '--epochs', '1', '--limit', '1200', '--runs-dir', runsDir], HIDDEN);
  expect(human.stderr).toMatch(/^engine: fused-dense on wasm$/m);
  expect(human.stdout).toMatch(/trained in [\d.]+ s \(\d+ samples\/s, fused-dense on wasm\)/);
  const backends = runCli(['backends'], HIDDEN);
  expect(backends.status).toBe(0);
  expect(backends.stdout).toMatch(/native\s+no\s+the addon was not built/);
});

it('NNLAB_REQUIRE_NATIVE=1 with the addon hidden is an error naming the cause', () => {
  const r = train({ ...HIDDEN, NNLAB_REQUIRE_NATIVE: '1' });
  expect(r.status).toBe(EXIT.backend);
  expect(r.stderr).toMatch(/NNLAB_REQUIRE_NATIVE=1 asks for the native engine, but the addon was not built/);
});
