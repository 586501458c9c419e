import { spawnSync } from 'node:child_process';
import { addonPath } from './addon';
import { relError } from '../testing/parity';
import { describeNative } from '../testing/layer-run';

// The convolution, pooling and batch-norm layers dispatch to oneDNN's jit/brgemm kernels — never
// its gemm or reference fallbacks — on this machine's ISA and with ONEDNN_MAX_CPU_ISA=AVX2 (what
// an AVX2-only machine gets), and the AVX2 results equal the default ISA's. Each ISA runs in its
// own process (oneDNN reads the variable once), under oneDNN's verbose mode, which prints the
// implementation of every primitive it executes.

/** Runs in the child: a few layers forward + backward, then one RESULT line of JSON. */
const CHILD = `
const addon = require(process.env.NNLAB_TEST_ADDON);
const values = (n, seed) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed));
const size = (s) => s.reduce((a, b) => a * b, 1);
const runs = [
  { layer: { kind: 'conv2d', filters: 32, kernelH: 3, kernelW: 3, padding: 'same', activation: 'relu' }, input: [8, 8, 16], out: [8, 8, 32], weights: [3 * 3 * 16 * 32, 32] },
  { layer: { kind: 'conv2d', filters: 10, kernelH: 2, kernelW: 2, padding: 'same', activation: 'relu' }, input: [28, 28, 1], out: [28, 28, 10], weights: [40, 10], first: true },
  { layer: { kind: 'conv2d', filters: 8, kernelH: 3, kernelW: 3, strideH: 2, strideW: 2, padding: 'valid' }, input: [9, 9, 8], out: [4, 4, 8], weights: [3 * 3 * 8 * 8, 8] },
  { layer: { kind: 'maxPooling2d', kernelH: 2, kernelW: 2, strideH: 2, strideW: 2 }, input: [8, 8, 16], out: [4, 4, 16], weights: [] },
  { layer: { kind: 'averagePooling2d', kernelH: 3, kernelW: 3, strideH: 1, strideW: 1, padding: 'same' }, input: [6, 6, 8], out: [6, 6, 8], weights: [] },
  { layer: { kind: 'batchNormalization' }, input: [5, 5, 16], out: [5, 5, 16], weights: [16, 16, 16, 16] },
].map((r, i) => {
  const n = 4;
  const weights = r.weights.map((k, j) => (r.layer.kind === 'batchNormalization' && j % 2 === 1 ? values(k, j).map((v) => 1.5 + v / 2) : values(k, 10 * i + j)));
  const got = addon.runLayer({ layer: r.layer, input: r.input, n, x: values(n * size(r.input), i), weights, dy: values(n * size(r.out), 100 + i), wantDx: !r.first });
  return { y: Array.from(got.y), dx: got.dx ? Array.from(got.dx) : [], grads: got.grads.map((g) => Array.from(g)) };
});
console.log('RESULT ' + JSON.stringify({ isa: addon.info().isa, runs }));
`;

interface ChildRun {
  isa: string;
  runs: { y: number[]; dx: number[]; grads: number[][] }[];
  /** "primitive implementation" of every convolution, pooling and batch-norm execution. */
  impls: string[];
}

function runChild(env: Record<string, string>): ChildRun {
  const file = addonPath();
  if (!file) throw new Error('the @nnlab/native package folder was not found');
  const r = spawnSync(process.execPath, ['-e', CHILD], {
    env: { ...process.env, ...env, ONEDNN_VERBOSE: '1', DNNL_VERBOSE: '1', NNLAB_TEST_ADDON: file },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`the child process failed (${r.status}): ${r.stderr.split('\n')[0]}`);
  const lines = r.stdout.split('\n');
  const result = lines.find((l) => l.startsWith('RESULT '));
  if (!result) throw new Error('the child process printed no result');
  const impls = lines
    .map((l) => l.split(','))
    .filter((f) => (f[0] === 'onednn_verbose' || f[0] === 'dnnl_verbose') && f[1] === 'exec' && /^(convolution|pooling|batch_normalization)/.test(f[3]))
    .map((f) => `${f[3]} ${f[4]}`);
  return { ...(JSON.parse(result.slice(7)) as Omit<ChildRun, 'impls'>), impls };
}

const FAST = /^(convolution|pooling|pooling_v2|batch_normalization) (brg\w*|jit|bnorm_jit|bnorm_tbb_jit):/;

describeNative('native kernels dispatch to oneDNN jit/brgemm implementations', () => {
  let native: ChildRun;
  beforeAll(() => {
    native = runChild({});
  });

  it("on this machine's ISA", () => {
    expect(native.impls.length).toBeGreaterThanOrEqual(6 * 2);
    for (const impl of native.impls) expect(impl).toMatch(FAST);
  });

  it('with ONEDNN_MAX_CPU_ISA=AVX2, with the same results', () => {
    const avx2 = runChild({ ONEDNN_MAX_CPU_ISA: 'AVX2', DNNL_MAX_CPU_ISA: 'AVX2' });
    // A machine below AVX2 stays on its own ISA; every x86 machine nnlab targets has AVX2.
    if (native.isa.startsWith('avx2') || native.isa.startsWith('avx512')) expect(avx2.isa).toBe('avx2');
    expect(avx2.impls.length).toBe(native.impls.length);
    for (const impl of avx2.impls) expect(impl).toMatch(FAST);
    avx2.runs.forEach((run, i) => {
      expect(relError(run.y, native.runs[i].y)).toBeLessThanOrEqual(1e-5);
      expect(relError(run.dx, native.runs[i].dx)).toBeLessThanOrEqual(1e-5);
      run.grads.forEach((g, j) => expect(relError(g, native.runs[i].grads[j])).toBeLessThanOrEqual(1e-5));
    });
  });
});
