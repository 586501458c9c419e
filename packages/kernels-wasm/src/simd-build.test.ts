// The kernels that run are the SIMD build of assembly/: every source file has its compiled module,
// both heap variants are valid, small enough for browsers to compile synchronously, import the heap
// (shared for tfjs' threaded build) and use SIMD instructions; and on tfjs' wasm backend in Node
// the loops bind to the live heap (not a fallback).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WASM_MODULES } from './generated/wasm-modules';
import { elementwiseKernelsFor, simdKernelsFor, WASM_LOOP_MODULES } from './loops';
import { setUpBackends } from './testing/test-support';

const ASSEMBLY_DIR = join(__dirname, '..', 'assembly');
const camel = (file: string) => file.slice(0, -3).replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/** Each module's text format, through binaryen (the compiler's own toolchain, an ES module: run in a child). */
function disassemble(modules: Record<string, Uint8Array>): Record<string, string> {
  const script = `
    import binaryen from 'binaryen';
    const input = JSON.parse(await new Response(process.stdin).text());
    const out = {};
    for (const [name, b64] of Object.entries(input)) {
      const mod = binaryen.readBinary(Buffer.from(b64, 'base64'));
      out[name] = mod.emitText();
      mod.dispose();
    }
    process.stdout.write(JSON.stringify(out));`;
  const input = JSON.stringify(Object.fromEntries(Object.entries(modules).map(([k, v]) => [k, Buffer.from(v).toString('base64')])));
  const text = execFileSync(process.execPath, ['--input-type=module', '-e', script], { input, cwd: __dirname, maxBuffer: 64 << 20 });
  return JSON.parse(String(text)) as Record<string, string>;
}

describe('the SIMD build of assembly/', () => {
  it('every AssemblyScript source has a compiled module and a loader, and nothing else does', () => {
    const sources = readdirSync(ASSEMBLY_DIR)
      .filter((f) => f.endsWith('.ts'))
      .map(camel)
      .sort();
    expect(Object.keys(WASM_MODULES).sort()).toEqual(sources);
    expect(Object.keys(WASM_LOOP_MODULES).sort()).toEqual(sources);
  });

  it('both heap variants are valid, under 4 KiB, import the heap and use SIMD instructions', () => {
    const bytes: Record<string, Uint8Array> = {};
    for (const [name, loader] of Object.entries(WASM_LOOP_MODULES)) {
      for (const shared of [false, true]) {
        const b = loader.bytes(shared);
        expect(WebAssembly.validate(b)).toBe(true);
        // Chromium refuses synchronous compilation of larger modules on the main thread.
        expect(b.length).toBeLessThan(4096);
        bytes[`${name}:${shared ? 'shared' : 'plain'}`] = b;
      }
    }
    const text = disassemble(bytes);
    for (const [key, wat] of Object.entries(text)) {
      expect(wat).toMatch(
        key.endsWith(':shared') ? /\(import "env" "memory" \(memory \$\S+ 0 65536 shared\)\)/ : /\(import "env" "memory" \(memory \$\S+ 0\)\)/,
      );
      expect(wat).toMatch(/\b(f32x4|v128)\.[a-z_]+/);
    }
  });

  it("is what binds to tfjs-backend-wasm's heap in Node (tfjs' own SIMD binary), not a fallback", async () => {
    await setUpBackends();
    expect(tf.env().getBool('WASM_HAS_SIMD_SUPPORT')).toBe(true);
    const backend = tf.backend() as BackendWasm;
    expect(tf.getBackend()).toBe('wasm');
    const simd = simdKernelsFor(backend);
    expect(simd).not.toBeNull();
    expect(elementwiseKernelsFor(backend)).not.toBeNull();
    // Bound to the live heap: a loop run through it changes the heap tfjs reads tensors from.
    const t = tf.tensor1d([1, 2, 3, 4]);
    const addr = backend.dataIdMap.get(t.dataId).memoryOffset;
    const acc = tf.zeros([4]);
    const accAddr = backend.dataIdMap.get(acc.dataId).memoryOffset;
    simd!.sumRows(addr, accAddr, 1, 4);
    expect(Array.from(await acc.data())).toEqual([1, 2, 3, 4]);
    tf.dispose([t, acc]);
  });
});
