#!/usr/bin/env node
// Per-layer times of the native engine for the course CNNs' shapes: each layer alone through
// the addon's runLayer (forward in training mode, then backward; the first layer without dx),
// mean of --repeat runs after a warm-up. With --verbose it reruns itself under oneDNN's verbose
// mode and lists the implementation each primitive dispatched to (jit/brgemm vs gemm/ref).
//
//   node scripts/layer-timings.mjs [--model cnn-pneumonia|cnn-mnist] [--batch N] [--threads N]
//                                  [--repeat N] [--verbose]
//
// Two figures per pass: wall-clock ms, and the process's CPU ms (all threads). On a busy machine
// the wall clock counts the time other processes hold the cores; with --threads 1 the CPU time
// is close to what the layer takes on an idle machine (cache interference from the others
// still inflates it somewhat). With more threads the CPU time includes OpenMP's spin-waiting.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const MODELS = {
  // 128×128×1, 5 × [Conv2D(3×3, same, relu) + MaxPool 2×2] → Flatten → Dense 32 → 16 → 1 (sigmoid).
  'cnn-pneumonia': { input: [128, 128, 1], kernel: 3, filters: [8, 16, 32, 64, 128], dense: [32, 16, 1], batch: 64 },
  // 28×28×1, 3 × [Conv2D(2×2, same, relu) + MaxPool 2×2] → Flatten → Dense 10 → 10 (softmax).
  'cnn-mnist': { input: [28, 28, 1], kernel: 2, filters: [10, 10, 10], dense: [10, 10], batch: 128 },
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const modelName = option('model', 'cnn-pneumonia');
const spec = MODELS[modelName];
if (!spec) {
  console.error(`layer-timings: --model must be one of ${Object.keys(MODELS).join(', ')}, got '${modelName}'`);
  process.exit(2);
}
const batch = Number(option('batch', spec.batch));
const threads = Number(option('threads', 0));
const repeat = Number(option('repeat', 10));
const here = dirname(fileURLToPath(import.meta.url));

if (process.argv.includes('--verbose')) {
  // oneDNN prints one line per primitive execution; keep the distinct (primitive, implementation) pairs.
  const args = process.argv.slice(1).filter((a) => a !== '--verbose');
  const run = spawnSync(process.execPath, [...args, '--repeat', '1'], { env: { ...process.env, ONEDNN_VERBOSE: '1', DNNL_VERBOSE: '1' }, encoding: 'utf8' });
  const seen = new Map();
  for (const line of run.stdout.split('\n')) {
    const f = line.split(',');
    if ((f[0] !== 'onednn_verbose' && f[0] !== 'dnnl_verbose') || f[1] !== 'exec') continue;
    const key = `${f[3].padEnd(24)} ${f[5].padEnd(18)} ${f[4].padEnd(26)} ${f.at(-2)}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  console.log(`oneDNN implementations (${modelName}, batch ${batch}): primitive, propagation, implementation, problem`);
  for (const key of seen.keys()) console.log(`  ${key}`);
  process.exit(run.status ?? 1);
}

const addon = createRequire(import.meta.url)(join(here, '..', 'build', 'nnlab_native.node'));

function values(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = ((s >>> 8) / 16777216 - 0.5) * 0.2;
  }
  return out;
}

// The layer list with each layer's input shape and weight sizes.
const layers = [];
let shape = spec.input;
spec.filters.forEach((filters, i) => {
  const [h, w, c] = shape;
  layers.push({
    name: `conv2d ${h}×${w}×${c}→${filters}`,
    layer: { kind: 'conv2d', filters, kernelH: spec.kernel, kernelW: spec.kernel, padding: 'same', activation: 'relu' },
    input: shape,
    weights: [spec.kernel * spec.kernel * c * filters, filters],
    out: [h, w, filters],
    first: i === 0,
  });
  shape = [h, w, filters];
  layers.push({
    name: `maxPool  ${h}×${w}×${filters}`,
    layer: { kind: 'maxPooling2d', kernelH: 2, kernelW: 2, strideH: 2, strideW: 2 },
    input: shape,
    weights: [],
    out: [Math.floor(h / 2), Math.floor(w / 2), filters],
  });
  shape = [Math.floor(h / 2), Math.floor(w / 2), filters];
});
shape = [shape.reduce((a, b) => a * b, 1)];
spec.dense.forEach((units, i) => {
  const last = i === spec.dense.length - 1;
  layers.push({
    name: `dense    ${shape[0]}→${units}`,
    layer: { kind: 'dense', units, activation: last ? (units === 1 ? 'sigmoid' : 'softmax') : 'relu' },
    input: shape,
    weights: [shape[0] * units, units],
    out: [units],
  });
  shape = [units];
});

console.log(`${modelName}, batch ${batch}, ${threads || 'default'} threads, mean of ${repeat} runs (ms)`);
console.log(`${'layer'.padEnd(28)} ${'fwd wall'.padStart(9)} ${'bwd wall'.padStart(9)} ${'fwd cpu'.padStart(9)} ${'bwd cpu'.padStart(9)}`);
const total = { fwd: 0, bwd: 0, fwdCpu: 0, bwdCpu: 0 };
const ms = (v) => v.toFixed(3).padStart(9);
layers.forEach((l, i) => {
  const size = (s) => s.reduce((a, b) => a * b, 1);
  const r = addon.runLayer({
    layer: l.layer,
    input: l.input,
    n: batch,
    x: values(batch * size(l.input), i + 1),
    weights: l.weights.map((n, j) => values(n, 100 + i * 10 + j)),
    dy: values(batch * size(l.out), 50 + i),
    wantDx: !l.first,
    threads,
    repeat,
  });
  total.fwd += r.forwardMs;
  total.bwd += r.backwardMs;
  total.fwdCpu += r.forwardCpuMs;
  total.bwdCpu += r.backwardCpuMs;
  console.log(`${l.name.padEnd(28)} ${ms(r.forwardMs)} ${ms(r.backwardMs)} ${ms(r.forwardCpuMs)} ${ms(r.backwardCpuMs)}`);
});
console.log(`${'sum'.padEnd(28)} ${ms(total.fwd)} ${ms(total.bwd)} ${ms(total.fwdCpu)} ${ms(total.bwdCpu)}`);
const rate = (t) => Math.round((batch * 1000) / t);
console.log(
  `layers only (no loss, optimizer or batch gather): ${rate(total.fwd + total.bwd)} samples/s by the wall clock, ${rate(total.fwdCpu + total.bwdCpu)} per CPU-second`,
);
