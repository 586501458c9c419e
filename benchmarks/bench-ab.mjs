#!/usr/bin/env node
// `nnlab bench` of two built checkouts, interleaved: round r runs A then B (B then A on odd rounds),
// each in a fresh process, and every row reports the paired median ratio B/A of ms per training
// step and per inference batch with its interquartile range. On a shared or throttled machine a
// single bench run moves by ±15 %; pairing runs that sat next to each other in time cancels most
// of it, and the IQR says how much is left.
//
//   node benchmarks/bench-ab.mjs --a /work/old --b . --rounds 10 \
//        --a-args="--backends wasm" --b-args="--backends wasm --engines wasm"
//   node benchmarks/bench-ab.mjs --a /work/old --b . --args="--models mlp-hog --steps 2000" --json
//
// --args go to both sides, --a-args / --b-args to one (an older nnlab may lack a flag); write them
// as --args="..." (a value that starts with -- needs the =).
// Both checkouts must be built (`npm ci` builds everything).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: '.' },
    rounds: { type: 'string', default: '8' },
    args: { type: 'string', default: '' },
    'a-args': { type: 'string', default: '' },
    'b-args': { type: 'string', default: '' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || !values.a) {
  console.error('usage: node benchmarks/bench-ab.mjs --a DIR [--b DIR] [--rounds N] [--args "..."] [--a-args "..."] [--b-args "..."] [--json]');
  process.exit(values.help ? 0 : 2);
}
const rounds = Number(values.rounds);
if (!(Number.isInteger(rounds) && rounds >= 1)) {
  console.error(`bench-ab: --rounds must be a positive integer, got ${values.rounds}`);
  process.exit(2);
}
const sides = {
  A: { dir: resolve(values.a), args: [...split(values.args), ...split(values['a-args'])] },
  B: { dir: resolve(values.b), args: [...split(values.args), ...split(values['b-args'])] },
};
for (const [name, side] of Object.entries(sides)) {
  if (!existsSync(`${side.dir}/apps/cli/bin/nnlab.js`)) {
    console.error(`bench-ab: ${side.dir} (--${name.toLowerCase()}) has no apps/cli/bin/nnlab.js: is it a built nnlab checkout?`);
    process.exit(2);
  }
}

function split(s) {
  return s.split(/\s+/).filter(Boolean);
}

function benchOnce(side) {
  const args = [`${side.dir}/apps/cli/bin/nnlab.js`, 'bench', '--json', ...side.args];
  try {
    const out = execFileSync(process.execPath, args, { cwd: side.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    return JSON.parse(out).rows;
  } catch (e) {
    const why = (e.stderr ?? e.message ?? String(e)).toString().trim().split('\n').pop();
    console.error(`bench-ab: nnlab bench ${side.args.join(' ')} in ${side.dir} failed: ${why}`);
    process.exit(1);
  }
}

const rowKey = (r) => `${r.model} ${r.backend} ${r.stepEngine}`;
/** key → { A: {train: [], infer: []}, B: {...} } */
const samples = new Map();
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 ? ['B', 'A'] : ['A', 'B']) {
    for (const row of benchOnce(sides[name])) {
      const k = rowKey(row);
      if (!samples.has(k)) samples.set(k, { A: { train: [], infer: [] }, B: { train: [], infer: [] } });
      const s = samples.get(k)[name];
      s.train[r] = row.trainMsPerStep;
      s.infer[r] = row.inferMsPerBatch;
    }
  }
  console.error(`bench-ab: round ${r + 1}/${rounds} done`);
}

const quantile = (xs, q) => {
  const s = xs.filter((x) => x !== undefined).sort((p, v) => p - v);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
function summary(a, b) {
  const ratios = a.map((x, i) => (x !== undefined && b[i] !== undefined ? b[i] / x : undefined)).filter((x) => x !== undefined);
  return {
    aMs: quantile(a, 0.5),
    bMs: quantile(b, 0.5),
    pairs: ratios.length,
    ratio: quantile(ratios, 0.5),
    ratioQ1: quantile(ratios, 0.25),
    ratioQ3: quantile(ratios, 0.75),
  };
}
const rows = [...samples].map(([key, s]) => ({ row: key, train: summary(s.A.train, s.B.train), infer: summary(s.A.infer, s.B.infer) }));
if (values.json) {
  console.log(JSON.stringify({ a: sides.A, b: sides.B, rounds, rows }, null, 2));
} else {
  const f = (x, d = 3) => (x === undefined ? '—' : x.toFixed(d));
  console.log(`A = ${sides.A.dir} ${sides.A.args.join(' ')}\nB = ${sides.B.dir} ${sides.B.args.join(' ')}\n${rounds} interleaved rounds; B/A < 1: B faster`);
  console.log(['row'.padEnd(36), 'train ms A', 'train ms B', 'B/A (IQR)'.padEnd(22), 'infer ms A', 'infer ms B', 'B/A (IQR)'].join('  '));
  for (const { row, train: t, infer: i } of rows) {
    console.log(
      [
        row.padEnd(36),
        f(t.aMs).padStart(10),
        f(t.bMs).padStart(10),
        `${f(t.ratio)} (${f(t.ratioQ1)}–${f(t.ratioQ3)})`.padEnd(22),
        f(i.aMs).padStart(10),
        f(i.bMs).padStart(10),
        `${f(i.ratio)} (${f(i.ratioQ1)}–${f(i.ratioQ3)})`,
      ].join('  '),
    );
  }
}
