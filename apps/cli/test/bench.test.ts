import { runCli } from './run-cli';

it('nnlab bench --json reports throughput, GFLOP/s and a profile per row (the MLPs: the fused dense trainer, one thread)', () => {
  const r = runCli(['bench', '--models', 'mlp-raw,mlp-hog', '--backends', 'wasm', '--steps', '5', '--profile', '--json']);
  expect(r.status).toBe(0);
  const out = r.json<{ rows: { model: string; backend: string; trainSamplesPerSecond: number; trainGflops: number; inferSamplesPerSecond: number; peakRssMB: number; stepEngine: string; wasmThreads: number; profile: { name: string }[] }[] }>();
  expect(out.rows.map((x) => [x.model, x.backend])).toEqual([
    ['mlp-raw', 'wasm'],
    ['mlp-hog', 'wasm'],
  ]);
  for (const row of out.rows) {
    expect(row.trainSamplesPerSecond).toBeGreaterThan(0);
    expect(row.trainGflops).toBeGreaterThan(0);
    expect(row.inferSamplesPerSecond).toBeGreaterThan(0);
    expect(row.peakRssMB).toBeGreaterThan(10);
    expect(row.profile.length).toBeGreaterThan(0);
    expect(row.stepEngine).toBe('fused-dense');
    expect(row.wasmThreads).toBe(1);
    expect(row.profile.every((p) => p.name.startsWith('fused: '))).toBe(true);
  }
});

it('rejects an unknown model', () => {
  const r = runCli(['bench', '--models', 'vgg16']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/unknown model 'vgg16'/);
});
