#!/usr/bin/env node
// The fused dense trainer (the MLP rows of `nnlab bench` on wasm) of two built checkouts, A and B,
// interleaved in ONE process in short blocks: per block, A's and B's `fit` (300 steps, the first 20
// untimed) and A's and B's bare `trainer.step` loop, in alternating order. A shared machine's speed
// drifts over seconds (measured here: the same bench run gave 0.27–0.45 ms/step for mlp-hog within a
// minute), so two bench processes 20 s apart differ by more than any code change; blocks a tenth of
// a second apart see the same machine. Reports the paired median ratio B/A with its IQR.
//
//   node benchmarks/fused-dense-ab.mjs --a /work/old --b . [--models mlp-raw,mlp-hog] [--steps 300] [--blocks 80]
//
// Both checkouts must be built. They share one tfjs engine and wasm backend (tfjs keeps its engine
// in a global), which is sound here: the fused trainer only borrows the backend's heap. The CNN rows
// (tfjs kernels, registered globally) need separate processes: benchmarks/bench-ab.mjs.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: '.' },
    models: { type: 'string', default: 'mlp-raw,mlp-hog' },
    steps: { type: 'string', default: '300' },
    blocks: { type: 'string', default: '80' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || !values.a) {
  console.error('usage: node benchmarks/fused-dense-ab.mjs --a DIR [--b DIR] [--models mlp-raw,mlp-hog] [--steps 300] [--blocks 80]');
  process.exit(values.help ? 0 : 2);
}
const STEPS = Number(values.steps);
const BLOCKS = Number(values.blocks);
const WARMUP = 20;
const BATCH = 128;
const DISTINCT_BATCHES = 8;

/** Each checkout's packages, loaded from its own node_modules. */
async function loadSide(dir) {
  if (!existsSync(resolve(dir, 'packages/core/dist/index.cjs'))) {
    console.error(`fused-dense-ab: ${resolve(dir)} has no packages/core/dist/index.cjs: is it a built nnlab checkout?`);
    process.exit(2);
  }
  const req = createRequire(resolve(dir, 'apps/cli/package.json'));
  const core = req('@nnlab/core');
  req('@nnlab/core/node').registerNodeBackends({ wasmThreads: 1 });
  await core.useBackend('wasm');
  return { dir: resolve(dir), core, models: req('@nnlab/models') };
}

function makeData(side, entry) {
  // Models are built and disposed per block: the two copies of tfjs-layers name layers from their
  // own counters, and two live models would claim the same variable names in the shared engine.
  const probe = entry.build({ seed: 1 });
  const inputs = probe.inputs[0].shape[1];
  const outputs = probe.outputs[0].shape[1];
  probe.dispose();
  const n = BATCH * DISTINCT_BATCHES;
  const rng = side.core.createRng(7);
  const x = new Float32Array(n * inputs);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const labels = Uint8Array.from({ length: n }, (_, i) => i % outputs);
  const y = new Float32Array(n * outputs);
  labels.forEach((l, i) => (y[i * outputs + l] = 1));
  const data = side.core.arrayDataset({ x, sampleShape: [inputs], labels, numClasses: outputs });
  return { inputs, outputs, x, y, data };
}

async function fitBlock(side, entry, d) {
  const model = entry.build({ seed: 1 });
  let seen = 0;
  let t0 = 0;
  let t1 = 0;
  await side.core.fit(model, d.data, {
    epochs: Math.ceil((STEPS + WARMUP) / DISTINCT_BATCHES),
    batchSize: BATCH,
    optimizer: entry.course.optimizer,
    loss: entry.course.loss,
    onEvent: (e) => {
      if (e.type !== 'batch-end') return;
      seen++;
      if (seen === WARMUP) t0 = performance.now();
      t1 = performance.now();
    },
  });
  model.dispose();
  return (t1 - t0) / (seen - WARMUP);
}

function stepBlock(side, entry, d) {
  const model = entry.build({ seed: 1 });
  const optimizer = side.core.createOptimizer(entry.course.optimizer);
  const trainer = side.core.createFusedDenseTrainer(model, optimizer, entry.course.loss, BATCH);
  if (!trainer) throw new Error(`${side.dir}: the fused dense trainer does not take ${entry.id ?? 'this model'}`);
  const p = new Float32Array(BATCH * d.outputs);
  const run = (i) => {
    const b = i % DISTINCT_BATCHES;
    trainer.step(d.x.subarray(b * BATCH * d.inputs), d.y.subarray(b * BATCH * d.outputs), undefined, BATCH, p);
  };
  for (let i = 0; i < WARMUP; i++) run(i);
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) run(i);
  const ms = (performance.now() - t0) / STEPS;
  trainer.dispose();
  optimizer.dispose();
  model.dispose();
  return ms;
}

const quantile = (xs, q) => [...xs].sort((p, v) => p - v)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const sides = { A: await loadSide(values.a), B: await loadSide(values.b) };
console.log(`A = ${sides.A.dir}\nB = ${sides.B.dir}\n${BLOCKS} blocks of ${STEPS} steps, batch ${BATCH}, wasm 1 thread; B/A < 1: B faster`);
for (const id of values.models.split(',')) {
  const entries = { A: sides.A.models.getZooEntry(id), B: sides.B.models.getZooEntry(id) };
  const data = { A: makeData(sides.A, entries.A), B: makeData(sides.B, entries.B) };
  const ms = { fit: { A: [], B: [] }, step: { A: [], B: [] } };
  for (let b = 0; b < BLOCKS; b++) {
    const order = b % 2 ? ['B', 'A'] : ['A', 'B'];
    for (const s of order) ms.fit[s].push(await fitBlock(sides[s], entries[s], data[s]));
    for (const s of order) ms.step[s].push(stepBlock(sides[s], entries[s], data[s]));
  }
  for (const what of ['fit', 'step']) {
    const { A, B } = ms[what];
    const ratios = A.map((a, i) => B[i] / a);
    console.log(
      `${id.padEnd(8)} ${what.padEnd(4)}  ms/step A ${quantile(A, 0.5).toFixed(4)}  B ${quantile(B, 0.5).toFixed(4)}  ` +
        `B/A ${quantile(ratios, 0.5).toFixed(3)} (IQR ${quantile(ratios, 0.25).toFixed(3)}–${quantile(ratios, 0.75).toFixed(3)})`,
    );
  }
}
