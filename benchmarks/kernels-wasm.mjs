#!/usr/bin/env node
// Training throughput of the zoo's models on the tfjs wasm backend, before and after nnlab's wasm
// training kernels (@nnlab/kernels-wasm), single- and multi-threaded, with the top kernels of one
// profiled training step (tfjs profiler); and, against an older build of core, the same steps and
// the SIMD loops one by one.
//
// Build first (it imports the packages' dist):
//   npx nx run-many -t build -p @nnlab/core @nnlab/models
// Then:
//   node benchmarks/kernels-wasm.mjs                       # both CNNs, every mode
//   node benchmarks/kernels-wasm.mjs --models cnn-mnist --modes after,threads:2 --steps 60
//   node benchmarks/kernels-wasm.mjs --json > kernels-wasm.json
//   node benchmarks/kernels-wasm.mjs --baseline /tmp/old-core --models mlp-raw,cnn-mnist,cnn-pneumonia \
//        --modes baseline,after,baseline,after --loops     # old vs new kernels, one run
//
// Modes (each runs in its own Node process, so the backend initialises fresh):
//   before      tfjs-backend-wasm as shipped, plus a naive JS Conv2DBackpropFilter (the shipped
//               backend has none, so nothing else can train a CNN)
//   missing     only the kernels tfjs-backend-wasm lacks (registerWasmTrainingKernels({ replaceShipped: false }))
//   after       every training kernel (registerWasmTrainingKernels())
//   threads:N   'after' on the threaded SIMD build with N threads (enableWasmThreadsInNode)
//   baseline    'after' with the @nnlab/core build in --baseline <dir> (its dist/index.js): e.g. the
//               core of an older commit, built in a scratch folder, to compare kernels before/after
//
// --loops (needs --baseline, whose dist/shim.js exports the old simdModuleBytes/elementwiseModuleBytes)
// times each SIMD loop old vs new on the same inputs (kernels-wasm-loops.mjs).
//
// Timing goes through the zoo model and core's training loop (fit: batch copy, optimizer step, loss
// read-back) on fixed random data; the median step is reported (the machine may be shared), and the
// best. The profile is one more step under tf.profile (kernel times only).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchLoops } from './kernels-wasm-loops.mjs';

const HERE = fileURLToPath(import.meta.url);
const DEFAULT_MODELS = ['cnn-mnist', 'cnn-pneumonia'];
const DEFAULT_MODES = ['before', 'missing', 'after', 'threads:2'];
const DEFAULT_STEPS = { 'mlp-raw': 200, 'cnn-mnist': 60, 'cnn-pneumonia': 4 };

function parseArgs(argv) {
  const out = { models: DEFAULT_MODELS, modes: DEFAULT_MODES, steps: null, json: false, top: 8, child: null, baseline: null, loops: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--models') {
      const value = argv[++i];
      out.models = value === 'none' ? [] : value.split(',');
    } else if (a === '--modes') out.modes = argv[++i].split(',');
    else if (a === '--steps') out.steps = Number(argv[++i]);
    else if (a === '--top') out.top = Number(argv[++i]);
    else if (a === '--json') out.json = true;
    else if (a === '--baseline') out.baseline = argv[++i];
    else if (a === '--loops') out.loops = true;
    else if (a === '--child') out.child = { mode: argv[++i], model: argv[++i] };
    else if (a === '--help' || a === '-h') {
      console.log(readHelp());
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (see --help)`);
  }
  return out;
}

function readHelp() {
  return 'usage: node benchmarks/kernels-wasm.mjs [--models cnn-mnist,cnn-pneumonia] [--modes before,missing,after,threads:2,baseline] [--steps N] [--top K] [--json] [--baseline DIR [--loops]]';
}

/** A deliberately plain filter gradient for the 'before' mode: one loop nest, NHWC, any stride/pad. */
function naiveConv2DBackpropFilter(tf) {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs;
      const info = tf.backend_util.computeConv2DInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
      const xv = backend.readSync(x.dataId);
      const dyv = backend.readSync(dy.dataId);
      const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, outChannels: co } = info;
      const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
      const out = new Float32Array(kh * kw * ci * co);
      for (let b = 0; b < n; b++)
        for (let y = 0; y < oh; y++)
          for (let xx = 0; xx < ow; xx++) {
            const dyAt = ((b * oh + y) * ow + xx) * co;
            for (let ky = 0; ky < kh; ky++) {
              const iy = y * sh + ky - info.padInfo.top;
              if (iy < 0 || iy >= h) continue;
              for (let kx = 0; kx < kw; kx++) {
                const ix = xx * sw + kx - info.padInfo.left;
                if (ix < 0 || ix >= w) continue;
                const xAt = ((b * h + iy) * w + ix) * ci;
                for (let c = 0; c < ci; c++) {
                  const xval = xv[xAt + c];
                  const o = ((ky * kw + kx) * ci + c) * co;
                  for (let d = 0; d < co; d++) out[o + d] += xval * dyv[dyAt + d];
                }
              }
            }
          }
      return backend.makeOutput(attrs.filterShape, 'float32', undefined, out);
    },
  };
}

/** Per-kernel times of one training step (same step as fit: optimizer.minimize of the mean loss). */
async function profileStep(tf, core, model, x, y, lossName) {
  const lossFn = core.getLoss(lossName);
  const opt = tf.train.sgd(0);
  const vars = model.trainableWeights.map((w) => w.read());
  const info = await tf.profile(async () => {
    const loss = opt.minimize(() => tf.mean(lossFn(y, model.apply(x, { training: true }))), true, vars);
    await loss.data();
    loss.dispose();
  });
  opt.dispose();
  const byName = new Map();
  for (const k of info.kernels) {
    const cur = byName.get(k.name) ?? { name: k.name, ms: 0, calls: 0 };
    cur.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    cur.calls += 1;
    byName.set(k.name, cur);
  }
  return [...byName.values()].sort((p, q) => q.ms - p.ms);
}

async function runChild(mode, model, steps, baseline) {
  const tf = await import('@tensorflow/tfjs');
  const wasmPkg = await import('@tensorflow/tfjs-backend-wasm');
  if (mode === 'baseline' && !baseline) throw new Error("mode 'baseline' needs --baseline <dir>");
  const core = mode === 'baseline' ? await import(pathToFileURL(join(baseline, 'dist', 'index.js')).href) : await import('@nnlab/core');
  const { getZooEntry } = await import('@nnlab/models');
  let threads = 1;
  if (mode.startsWith('threads:')) {
    threads = Number(mode.slice('threads:'.length));
    const nodeEntry = await import('@nnlab/core/node');
    if (typeof nodeEntry.enableWasmThreadsInNode !== 'function') {
      return { mode, model, skipped: 'enableWasmThreadsInNode is not exported from @nnlab/core/node (add it to packages/core/src/node.ts and rebuild)' };
    }
    await nodeEntry.enableWasmThreadsInNode({ numThreads: threads });
  }
  let registered = [];
  if (mode === 'before') {
    tf.registerKernel(naiveConv2DBackpropFilter(tf));
  } else if (mode === 'missing') {
    registered = core.registerWasmTrainingKernels({ replaceShipped: false }).registered;
  } else if (mode === 'after' || mode === 'baseline' || mode.startsWith('threads:')) {
    registered = core.registerWasmTrainingKernels().registered;
  } else {
    throw new Error(`unknown mode '${mode}'`);
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');

  // The zoo model, its course batch size and optimizer, trained by core's fit on random data.
  const entry = getZooEntry(model);
  const batchSize = entry.course.batchSize;
  const net = entry.build({ seed: 1 });
  const sampleShape = net.inputs[0].shape.slice(1);
  const outputs = net.outputs[0].shape[1];
  const numClasses = outputs === 1 ? 2 : outputs;
  const warmup = 3;
  const total = batchSize * (warmup + steps);
  const sampleSize = sampleShape.reduce((p, q) => p * q, 1);
  const rng = core.createRng(7);
  const xs = new Float32Array(total * sampleSize);
  for (let i = 0; i < xs.length; i++) xs[i] = rng.next();
  const labels = Uint8Array.from({ length: total }, (_, i) => i % numClasses);
  const data = core.arrayDataset({ x: xs, sampleShape, labels, numClasses });
  const stepMs = [];
  let last = 0;
  await core.fit(net, data, {
    epochs: 1,
    batchSize,
    shuffle: false,
    optimizer: entry.course.optimizer,
    loss: entry.course.loss,
    onEvent: (e) => {
      if (e.type === 'epoch-begin') last = performance.now();
      if (e.type === 'batch-end') {
        const t = performance.now();
        if (e.batch >= warmup) stepMs.push(t - last);
        last = t;
      }
    },
  });
  stepMs.sort((p, q) => p - q);
  const median = stepMs[Math.floor(stepMs.length / 2)];
  const x = tf.tensor(xs.subarray(0, batchSize * sampleSize), [batchSize, ...sampleShape]);
  const yLabels = Array.from(labels.subarray(0, batchSize));
  const y = outputs === 1 ? tf.tensor2d(yLabels, [batchSize, 1]) : tf.oneHot(tf.tensor1d(yLabels, 'int32'), outputs).toFloat();
  const profile = await profileStep(tf, core, net, x, y, entry.course.loss);
  tf.dispose([x, y]);
  net.dispose();
  return {
    mode,
    model,
    backend: tf.getBackend(),
    threads: threads > 1 ? wasmPkg.getThreadsCount() : 1,
    registered,
    optimizer: entry.course.optimizer,
    batchSize,
    steps: stepMs.length,
    medianMsPerStep: median,
    bestMsPerStep: stepMs[0],
    trainSamplesPerSecond: (1000 * batchSize) / median,
    bestSamplesPerSecond: (1000 * batchSize) / stepMs[0],
    profile,
  };
}

function fmt(n, digits = 0) {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) {
    const { mode, model } = args.child;
    const result = await runChild(mode, model, args.steps ?? DEFAULT_STEPS[model] ?? 20, args.baseline);
    process.stdout.write(`\n@@RESULT ${JSON.stringify(result)}\n`);
    process.exit(0);
  }
  const results = [];
  for (const model of args.models) {
    for (const mode of args.modes) {
      const childArgs = [HERE, '--child', mode, model];
      if (args.steps) childArgs.push('--steps', String(args.steps));
      if (args.baseline) childArgs.push('--baseline', args.baseline);
      const run = spawnSync(process.execPath, childArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const line = (run.stdout || '').split('\n').find((l) => l.startsWith('@@RESULT '));
      if (run.status !== 0 || !line) {
        results.push({ mode, model, error: (run.stderr || run.stdout || `exit ${run.status}`).trim().split('\n').slice(-3).join(' | ') });
      } else {
        results.push(JSON.parse(line.slice('@@RESULT '.length)));
      }
      if (!args.json) printOne(results[results.length - 1], args.top, results);
    }
  }
  const loops = args.loops ? await benchLoops(args.baseline ?? raise('--loops needs --baseline <dir>')) : null;
  if (!args.json) {
    printRatios(results);
    if (loops) printLoops(loops);
  }
  if (args.json) console.log(JSON.stringify(loops ? { steps: results, loops } : results, null, 2));
}

function raise(message) {
  throw new Error(message);
}

/** Per model: median samples/s of the 'baseline' and 'after' runs and their ratio. */
function printRatios(results) {
  for (const model of new Set(results.map((r) => r.model))) {
    const of = (mode) => results.filter((r) => r.model === model && r.mode === mode && r.trainSamplesPerSecond).map((r) => r.trainSamplesPerSecond);
    const [old, now] = [of('baseline'), of('after')];
    if (!old.length || !now.length) continue;
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`${model.padEnd(14)} baseline ${fmt(med(old))} → after ${fmt(med(now))} samples/s: ×${fmt(med(now) / med(old), 3)}`);
  }
}

function printLoops(rows) {
  console.log('\nSIMD loops, old (baseline) vs new (AssemblyScript), fastest of 15 alternating rounds, ms per call:');
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(72)} old ${fmt(r.oldMs, 3).padStart(8)}  new ${fmt(r.newMs, 3).padStart(8)}  old/new ×${fmt(r.speedup, 2)}  max |Δ| ${r.maxAbsDiff}`,
    );
  }
}

function printOne(r, top, all) {
  if (r.error || r.skipped) {
    console.log(`${r.model.padEnd(14)} ${r.mode.padEnd(10)} ${r.error ? 'ERROR ' + r.error : 'skipped: ' + r.skipped}`);
    return;
  }
  const before = all.find((o) => o.model === r.model && o.mode === 'before' && o.trainSamplesPerSecond);
  const speedup = before && r !== before ? `  ×${fmt(r.trainSamplesPerSecond / before.trainSamplesPerSecond, 2)} vs before` : '';
  console.log(
    `${r.model.padEnd(14)} ${r.mode.padEnd(10)} ${fmt(r.trainSamplesPerSecond).padStart(6)} samples/s (median ${fmt(r.medianMsPerStep, 1)} ms/step, ` +
      `best ${fmt(r.bestMsPerStep, 1)} ms = ${fmt(r.bestSamplesPerSecond)} samples/s; batch ${r.batchSize}, ${r.optimizer}, ${r.steps} steps, ${r.threads} thread${r.threads > 1 ? 's' : ''})${speedup}`,
  );
  if (r.profile) {
    const total = r.profile.reduce((s, k) => s + k.ms, 0);
    const parts = r.profile.slice(0, top).map((k) => `${k.name} ${fmt(k.ms, 1)}`);
    console.log(`${''.padEnd(26)}profiled step ${fmt(total, 1)} ms: ${parts.join(', ')}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
