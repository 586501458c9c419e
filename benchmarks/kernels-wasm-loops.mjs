// The SIMD loops of @nnlab/kernels-wasm (AssemblyScript, compiled at build time) against an older
// build's loops (e.g. the hand-assembled modules nnlab had before), on one WebAssembly.Memory with
// the same inputs and the shapes of a training step: the mlp-raw GEMMs of the fused dense trainer
// (batch 128, 784 → 10), the filter-gradient GEMM of cnn-mnist's second conv layer, and the
// element-wise loops over cnn-mnist's first activation (128 × 28 × 28 × 10 floats). Old and new
// run alternately, round after round, so machine noise hits both; the fastest round per call is
// kept (on a shared machine the minimum is the least disturbed estimate of CPU-bound code).
// Every case also checks that both give the same floats.
//
// Used by kernels-wasm.mjs --loops --baseline <dir>; <dir>/dist/shim.js must export
// simdModuleBytes(shared) and elementwiseModuleBytes(shared) (the old modules).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PAGE = 65536;

function random(f, at, n, seed) {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    f[at + i] = (s >>> 8) / 16777216 - 0.5;
  }
}

/** The cases: each sets up its inputs (float indices in the heap) and calls one loop set. */
function cases(f, i32) {
  const B = 128;
  const A = 1 << 20; // activation-sized region starts (floats)
  const n = B * 28 * 28 * 10;
  const [x, y, out, vec] = [A, A + n + 64, A + 2 * (n + 64), 64];
  return [
    {
      name: 'mlp-raw forward X·W (gemm4x3, 128×784 · 784×12)',
      setup() {
        random(f, x, B * 784, 1);
        random(f, y, 784 * 12, 2);
        for (let r = 0; r < B; r++) i32[16 + r] = (x + r * 784) * 4;
      },
      run: (k) => k.gemm4x3(16 * 4, B, y * 4, 1, 784, 0, 0, 48, out * 4, 48, 0),
      reset: () => f.fill(0, out, out + B * 12),
      result: () => f.subarray(out, out + B * 12),
    },
    {
      name: 'mlp-raw dW = Xᵀ·δ (gemm4x3, 784×128 · 128×12)',
      setup() {
        random(f, x, B * 784, 3);
        random(f, y, B * 12, 4);
        for (let r = 0; r < 784; r++) i32[16 + r] = (x + r) * 4;
      },
      run: (k) => k.gemm4x3(16 * 4, 784, y * 4, B, 1, 784 * 4, 48, 0, out * 4, 48, 0),
      reset: () => f.fill(0, out, out + 784 * 12),
      result: () => f.subarray(out, out + 784 * 12),
    },
    {
      name: 'cnn-mnist conv2 dW (gemm4x2 + gemm4x1, K 40, CO 10, 128 images of 14×14)',
      setup() {
        // Planes of 15×15 (padded) per channel and image; dy [128, 14, 14, 10] padded to 12 columns.
        random(f, x, 10 * B * 225, 5);
        random(f, y, B * 196 * 12, 6);
        for (let r = 0, ky = 0; ky < 2; ky++)
          for (let kx = 0; kx < 2; kx++) for (let c = 0; c < 10; c++, r++) i32[16 + r] = (x + c * B * 225 + ky * 15 + kx) * 4;
      },
      run(k) {
        for (let b = 0; b < B; b++) {
          const d = (y + b * 196 * 12) * 4;
          k.gemm4x2(16 * 4, 40, d, 14, 14, 15 * 4, 14 * 48, 48, out * 4, 48, b * 225 * 4);
          k.gemm4x1(16 * 4, 40, d + 32, 14, 14, 15 * 4, 14 * 48, 48, (out + 8) * 4, 48, b * 225 * 4);
        }
      },
      reset: () => f.fill(0, out, out + 40 * 12),
      result: () => f.subarray(out, out + 40 * 12),
    },
    {
      name: 'relu (1,003,520 floats)',
      setup: () => random(f, x, n, 7),
      run: (k) => k.relu(x * 4, out * 4, n * 4),
      result: () => f.subarray(out, out + n),
    },
    {
      name: 'relu gradient dy·step(x)',
      setup: () => (random(f, x, n, 8), random(f, y, n, 9)),
      run: (k) => k.reluGrad(y * 4, x * 4, out * 4, n * 4),
      result: () => f.subarray(out, out + n),
    },
    {
      name: 'bias add, 10 channels (addPeriodic, period 80)',
      setup: () => (random(f, x, n, 10), random(f, vec, 80, 11)),
      run: (k) => k.addPeriodic(x * 4, vec * 4, out * 4, n * 4, 80 * 4),
      result: () => f.subarray(out, out + n),
    },
    {
      name: 'bias gradient, 10 channels (sumPeriodic, period 80)',
      setup: () => random(f, x, n, 12),
      run: (k) => k.sumPeriodic(x * 4, vec * 4, n * 4, 80 * 4),
      reset: () => f.fill(0, vec, vec + 80),
      result: () => f.subarray(vec, vec + 80),
    },
    {
      name: 'max pool 2×2 forward (128 × 28×28×10)',
      setup: () => random(f, x, n, 13),
      run(k) {
        for (let b = 0; b < B; b++) k.maxPool2x2(x * 4 + b * 7840 * 4, out * 4 + b * 1960 * 4, 14, 14, 10, 280 * 4);
      },
      result: () => f.subarray(out, out + B * 1960),
    },
    {
      name: 'max pool 2×2 gradient (128 × 14 rows of 14 windows)',
      setup: () => (random(f, x, n, 14), random(f, y, B * 1960, 15)),
      run(k) {
        for (let b = 0; b < B; b++) {
          for (let oy = 0; oy < 14; oy++) {
            const cell = (b * 784 + oy * 2 * 28) * 10 * 4;
            k.maxPoolGrad2x2(x * 4 + cell, y * 4 + (b * 196 + oy * 14) * 40, out * 4 + cell, 14, 10, 280 * 4, 80);
          }
        }
      },
      result: () => f.subarray(out, out + n),
    },
  ];
}

/** Old and new loops on one memory; returns one row per case. */
export async function benchLoops(baselineDir, rounds = 15) {
  const memory = new WebAssembly.Memory({ initial: 1024 });
  if (memory.buffer.byteLength < 64 * PAGE) throw new Error('no memory');
  const f = new Float32Array(memory.buffer);
  const i32 = new Int32Array(memory.buffer);
  const kw = await import('@nnlab/kernels-wasm');
  const fresh = Object.assign({}, ...Object.values(kw.WASM_LOOP_MODULES).map((m) => m.forMemory(memory)));
  const shim = await import(pathToFileURL(join(baselineDir, 'dist', 'shim.js')).href);
  const inst = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  const oldSimd = inst(shim.simdModuleBytes(false));
  const oldEw = inst(shim.elementwiseModuleBytes(false));
  // The old modules named both pools maxPool2x2 (gradient in the first, forward in the second).
  const old = { ...oldSimd, ...oldEw, maxPoolGrad2x2: oldSimd.maxPool2x2, maxPool2x2: oldEw.maxPool2x2 };
  const rows = [];
  for (const c of cases(f, i32)) {
    c.setup();
    const outputs = {};
    for (const [label, k] of [
      ['old', old],
      ['new', fresh],
    ]) {
      c.reset?.();
      c.run(k);
      outputs[label] = Float32Array.from(c.result());
    }
    let maxDiff = 0;
    for (let i = 0; i < outputs.old.length; i++) {
      const d = Math.abs(outputs.old[i] - outputs.new[i]);
      if (d > maxDiff || (Number.isNaN(d) && !(Number.isNaN(outputs.old[i]) && Number.isNaN(outputs.new[i])))) maxDiff = Number.isNaN(d) ? Infinity : d;
    }
    // Calls per timing so that one timing lasts ≥ ~20 ms.
    let calls = 1;
    for (;;) {
      const t0 = performance.now();
      for (let r = 0; r < calls; r++) c.run(fresh);
      if (performance.now() - t0 > 20 || calls > 4096) break;
      calls *= 2;
    }
    const times = { old: [], new: [] };
    for (let r = 0; r < rounds; r++) {
      for (const [label, k] of r % 2
        ? [
            ['new', fresh],
            ['old', old],
          ]
        : [
            ['old', old],
            ['new', fresh],
          ]) {
        c.reset?.();
        const t0 = performance.now();
        for (let q = 0; q < calls; q++) c.run(k);
        times[label].push((performance.now() - t0) / calls);
      }
    }
    const oldMs = Math.min(...times.old);
    const newMs = Math.min(...times.new);
    rows.push({ name: c.name, oldMs, newMs, speedup: oldMs / newMs, maxAbsDiff: maxDiff });
  }
  return rows;
}
