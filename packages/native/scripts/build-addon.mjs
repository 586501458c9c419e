#!/usr/bin/env node
// Builds the native engine (build/nnlab_native.node) with g++ against oneDNN and the running
// Node's own headers — no node-gyp, no header download. Each src/cc/*.cc compiles to
// build/obj/*.o only when it (or a header) is newer than its object, two at a time.
//
// When something the build needs is missing (Linux, g++, oneDNN's headers or library, Node's
// headers), it prints ONE line saying what and exits 0: the engine is optional and nnlab falls
// back to wasm at run time (NNLAB_REQUIRE_NATIVE=1 turns that fallback into an error there).
// A compile error in nnlab's own C++ fails the build.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src', 'cc');
const outDir = join(root, 'build');
const objDir = join(outDir, 'obj');
const target = join(outDir, 'nnlab_native.node');
const cxx = process.env.CXX || 'g++';

function skip(why) {
  console.log(`@nnlab/native: addon not built (${why}); nnlab will train on wasm`);
  process.exit(0);
}

function nodeIncludeDir() {
  const candidates = [join(dirname(dirname(process.execPath)), 'include', 'node'), '/usr/include/node', '/usr/local/include/node'];
  return candidates.find((d) => existsSync(join(d, 'node_api.h')));
}

function dnnlIncludeDir() {
  const candidates = ['/usr/include', '/usr/local/include', ...(process.env.DNNL_ROOT ? [join(process.env.DNNL_ROOT, 'include')] : [])];
  return candidates.find((d) => existsSync(join(d, 'oneapi', 'dnnl', 'dnnl.hpp')));
}

if (process.platform !== 'linux') skip(`built on Linux only, this is ${process.platform}`);
try {
  execFileSync(cxx, ['--version'], { stdio: 'ignore' });
} catch {
  skip(`no C++ compiler '${cxx}': apt-get install g++`);
}
const nodeInc = nodeIncludeDir();
if (!nodeInc) skip(`no Node-API headers (node_api.h) beside ${process.execPath} or in /usr/include/node`);
const dnnlInc = dnnlIncludeDir();
if (!dnnlInc) skip('no oneDNN headers (oneapi/dnnl/dnnl.hpp): apt-get install libdnnl-dev');

const flags = ['-std=c++17', '-O3', '-fPIC', '-fopenmp', '-fvisibility=hidden', '-Wall', '-Wno-unused-parameter', `-I${nodeInc}`, `-I${dnnlInc}`];
const libFlags = ['-shared', '-fopenmp', ...(process.env.DNNL_ROOT ? [`-L${join(process.env.DNNL_ROOT, 'lib')}`] : []), '-ldnnl'];

mkdirSync(objDir, { recursive: true });
const files = readdirSync(srcDir);
const sources = files.filter((f) => f.endsWith('.cc'));
const newestHeader = Math.max(0, ...files.filter((f) => f.endsWith('.h')).map((f) => statSync(join(srcDir, f)).mtimeMs));

function compile(src) {
  const obj = join(objDir, src.replace(/\.cc$/, '.o'));
  const srcPath = join(srcDir, src);
  if (existsSync(obj) && statSync(obj).mtimeMs > Math.max(statSync(srcPath).mtimeMs, newestHeader)) return Promise.resolve(obj);
  return new Promise((ok, fail) => {
    const p = spawn(cxx, [...flags, '-c', srcPath, '-o', `${obj}.tmp`], { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => {
      if (code === 0) {
        renameSync(`${obj}.tmp`, obj);
        ok(obj);
      } else fail(Object.assign(new Error(err), { src }));
    });
  });
}

async function compileAll() {
  const objs = [];
  const queue = [...sources];
  const jobs = Number(process.env.NNLAB_NATIVE_JOBS) || 2;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (queue.length) objs.push(await compile(queue.shift()));
    }),
  );
  return objs.sort();
}

try {
  const objs = await compileAll();
  execFileSync(cxx, ['-o', `${target}.tmp`, ...objs, ...libFlags], { stdio: ['ignore', 'inherit', 'pipe'] });
  renameSync(`${target}.tmp`, target);
  console.log(`@nnlab/native: built ${target}`);
} catch (e) {
  const text = String(e.stderr ?? e.message ?? e);
  if (/oneDNN >= 3\.0 found/.test(text)) skip('oneDNN 3.x found; this engine needs the oneDNN 2.x API (libdnnl-dev 2.x)');
  if (/cannot find -ldnnl/.test(text)) skip('oneDNN library not found (-ldnnl): apt-get install libdnnl-dev');
  console.error(text);
  console.error(`@nnlab/native: compiling ${e.src ?? 'the addon'} failed`);
  process.exit(1);
}
