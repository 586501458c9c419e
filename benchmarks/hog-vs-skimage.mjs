#!/usr/bin/env node
// Benchmark: @nnlab/features-hog against the course's skimage loop, on MNIST.
//
//   npx nx run @nnlab/features-hog:build      # the benchmark uses the built package (dist/)
//   node benchmarks/hog-vs-skimage.mjs [--limit 70000] [--python-images 5000] [--python-budget 60]
//                                      [--threads N] [--repeats 3] [--no-python] [--no-parallel]
//
// Ours: hogBatch (one thread), hog() called once per image, and hogBatchParallel (worker threads),
// all on the same N images (train then test, default all 70,000), COURSE_HOG_OPTIONS.
// skimage: /usr/bin/python3 runs `hog(img.astype(np.float32) / 255, …)` once per image, as the
// course did, on the first --python-images images or until --python-budget seconds are spent, and
// reports its rate; it also returns its features so the run doubles as a parity check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages', 'features-hog', 'dist');
if (!existsSync(join(dist, 'index.js'))) {
  console.error('packages/features-hog/dist is missing: run `npx nx run @nnlab/features-hog:build` first');
  process.exit(1);
}
const { hog, hogBatch, COURSE_HOG_OPTIONS, hogFeatureLength } = await import(join(dist, 'index.js'));
const { hogBatchParallel } = await import(join(dist, 'node.js'));

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);
const limit = Number(arg('limit', 70000));
const pyImages = Number(arg('python-images', 5000));
const pyBudget = Number(arg('python-budget', 60));
const threads = Number(arg('threads', availableParallelism()));
const repeats = Number(arg('repeats', 3));

function findMnist(file) {
  for (const dir of [join(root, 'data', 'mnist'), join(root, '..', 'shared', 'data', 'mnist'), '/work/shared/data/mnist']) {
    if (existsSync(join(dir, file))) return join(dir, file);
  }
  throw new Error(`MNIST ${file} not found under data/mnist or ../shared/data/mnist`);
}

function readIdxImages(path) {
  const buf = gunzipSync(readFileSync(path));
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (v.getUint32(0) !== 0x803) throw new Error(`${path}: not an IDX3 image file`);
  const n = v.getUint32(4);
  return { n, rows: v.getUint32(8), cols: v.getUint32(12), data: new Uint8Array(buf.buffer, buf.byteOffset + 16, n * v.getUint32(8) * v.getUint32(12)) };
}

const files = ['train-images-idx3-ubyte.gz', 't10k-images-idx3-ubyte.gz'].map(findMnist);
const parts = files.map(readIdxImages);
const total = Math.min(
  limit,
  parts.reduce((s, p) => s + p.n, 0),
);
const H = 28;
const W = 28;
const size = H * W;
const images = new Uint8Array(total * size);
{
  let o = 0;
  for (const p of parts) {
    const take = Math.min(p.n, total - o / size);
    images.set(p.data.subarray(0, take * size), o);
    o += take * size;
  }
}
const opts = COURSE_HOG_OPTIONS;
const len = hogFeatureLength(H, W, opts);

function best(label, f) {
  let ms = Infinity;
  let result;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    result = f();
    ms = Math.min(ms, performance.now() - t);
  }
  return { label, ms, rate: (total / ms) * 1000, result };
}
async function bestAsync(label, f) {
  let ms = Infinity;
  let result;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    result = await f();
    ms = Math.min(ms, performance.now() - t);
  }
  return { label, ms, rate: (total / ms) * 1000, result };
}

console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
console.log(`images: ${total} MNIST (train then test), options: ${JSON.stringify(opts)}, ${len} features each`);

// warm-up (JIT)
hogBatch(images.subarray(0, Math.min(total, 2000) * size), Math.min(total, 2000), H, W, opts);

const rows = [];
const single = best('hogBatch, 1 thread', () => hogBatch(images, total, H, W, opts));
rows.push(single);
rows.push(
  best('hog() per image, 1 thread', () => {
    const out = new Float32Array(total * len);
    for (let i = 0; i < total; i++) out.set(hog(images.subarray(i * size, (i + 1) * size), H, W, opts), i * len);
    return out;
  }),
);
if (!flag('no-parallel')) {
  const par = await bestAsync(`hogBatchParallel, ${threads} threads`, () => hogBatchParallel(images, total, H, W, opts, { threads, minImagesPerThread: 1000 }));
  for (let i = 0; i < single.result.length; i++) {
    if (single.result[i] !== par.result[i]) throw new Error(`parallel result differs at ${i}`);
  }
  rows.push(par);
}

let py;
if (!flag('no-python')) {
  const tmp = mkdtempSync(join(tmpdir(), 'hog-bench-'));
  try {
    const n = Math.min(pyImages, total);
    writeFileSync(join(tmp, 'images.u8'), images.subarray(0, n * size));
    const script = `
import json, sys, time
import numpy as np
from skimage.feature import hog
n, budget, path, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
imgs = np.fromfile(path, dtype=np.uint8).reshape(n, 28, 28)
feats = []
t0 = time.perf_counter()
for i in range(n):
    img = imgs[i].astype(np.float32) / 255
    feats.append(hog(img, orientations=${opts.orientations}, pixels_per_cell=(${opts.pixelsPerCell}),
                     cells_per_block=(${opts.cellsPerBlock}), block_norm='${opts.blockNorm}'))
    if time.perf_counter() - t0 > budget:
        break
dt = time.perf_counter() - t0
np.asarray(feats, dtype='<f4').tofile(out)
import skimage
print(json.dumps({'images': len(feats), 'seconds': dt, 'skimage': skimage.__version__}))
`;
    const r = spawnSync('/usr/bin/python3', ['-c', script, String(n), String(pyBudget), join(tmp, 'images.u8'), join(tmp, 'feats.f32')], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
    py = JSON.parse(r.stdout.trim().split('\n').pop());
    const ref = new Float32Array(new Uint8Array(readFileSync(join(tmp, 'feats.f32'))).buffer);
    let maxAbs = 0;
    let unequal = 0;
    for (let i = 0; i < ref.length; i++) {
      const d = Math.abs(ref[i] - single.result[i]);
      if (d !== 0) unequal++;
      if (d > maxAbs) maxAbs = d;
    }
    py.maxAbs = maxAbs;
    py.unequal = unequal;
    py.values = ref.length;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const skRate = py ? py.images / py.seconds : undefined;
console.log('');
console.log('| extractor | images | time | images/s | × skimage loop |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.label} | ${total} | ${(r.ms / 1000).toFixed(3)} s | ${Math.round(r.rate)} | ${skRate ? (r.rate / skRate).toFixed(1) : '–'} |`);
}
if (py) {
  console.log(`| skimage ${py.skimage} hog() per image (Python loop) | ${py.images} | ${py.seconds.toFixed(3)} s | ${Math.round(skRate)} | 1.0 |`);
  console.log('');
  console.log(`parity on those ${py.images} images: ${py.values} values, max |ours − skimage| = ${py.maxAbs}, unequal values: ${py.unequal}`);
}
