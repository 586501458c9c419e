import { runCli } from './run-cli';

type Row = {
  model: string;
  backend: string;
  trainSamplesPerSecond: number;
  trainGflops: number;
  inferSamplesPerSecond: number;
  peakRssMB: number;
  stepEngine: string;
  engine: { name: string; threads?: number; isa?: string };
  inferEngine: { name: string };
  threads?: number;
  isa?: string;
  wasmThreads?: number;
  profile?: { name: string }[];
};

it('nnlab bench --json reports a row per engine with throughput, GFLOP/s, threads and ISA (the MLPs: native, and the fused dense trainer on one wasm thread)', () => {
  const r = runCli(['bench', '--models', 'mlp-raw,mlp-hog', '--backends', 'wasm', '--engines', 'native,wasm', '--steps', '5', '--profile', '--json']);
  expect(r.status).toBe(0);
  const out = r.json<{ rows: Row[] }>();
  expect(out.rows.map((x) => [x.model, x.engine.name])).toEqual([
    ['mlp-raw', 'native'],
    ['mlp-raw', 'fused-dense'],
    ['mlp-hog', 'native'],
    ['mlp-hog', 'fused-dense'],
  ]);
  for (const row of out.rows) {
    expect(row.trainSamplesPerSecond).toBeGreaterThan(0);
    expect(row.trainGflops).toBeGreaterThan(0);
    expect(row.inferSamplesPerSecond).toBeGreaterThan(0);
    expect(row.peakRssMB).toBeGreaterThan(10);
    expect(row.threads).toBe(1);
    if (row.engine.name === 'native') {
      expect(row.isa).toMatch(/avx|sse/);
      expect(row.inferEngine.name).toBe('native');
      expect(row.profile).toBeUndefined();
    } else {
      expect(row.stepEngine).toBe('fused-dense');
      expect(row.wasmThreads).toBe(1);
      expect(row.profile!.length).toBeGreaterThan(0);
      expect(row.profile!.every((p) => p.name.startsWith('fused: '))).toBe(true);
    }
  }
});

it('rejects an unknown model or engine', () => {
  const r = runCli(['bench', '--models', 'vgg16']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/unknown model 'vgg16'/);
  const e = runCli(['bench', '--models', 'mlp-raw', '--engines', 'gpu']);
  expect(e.status).toBe(2);
  expect(e.stderr).toMatch(/--engines: unknown engine 'gpu'/);
});
