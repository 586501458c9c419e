import { buildModule, FunctionBuilder, I32 } from './wasm-assembler';
import { simdModuleBytes } from './simd-kernels';

function instantiate(bytes: Uint8Array<ArrayBuffer>, memory: WebAssembly.Memory): WebAssembly.Exports {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
}

describe('the SIMD module', () => {
  it('is valid WebAssembly for a plain and a shared heap, and small enough to compile synchronously in browsers (< 4 KiB)', () => {
    for (const shared of [false, true]) {
      const bytes = simdModuleBytes(shared);
      expect(WebAssembly.validate(bytes)).toBe(true);
      expect(bytes.length).toBeLessThan(4096);
    }
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
    expect(Object.keys(instantiate(simdModuleBytes(true), shared))).toContain('gemm4x2');
  });

  it('gemm4x1/gemm4x2 compute Σ A_r[m]·D[m, j] over a 2-D reduction block', () => {
    const memory = new WebAssembly.Memory({ initial: 4 });
    const ex = instantiate(simdModuleBytes(false), memory);
    const f = new Float32Array(memory.buffer);
    const i = new Int32Array(memory.buffer);
    const rows = 3; // reduction rows
    const cols = 5; // reduction columns per row
    const aRow = 9; // A row stride (floats): gaps of 4
    const cop = 8;
    const dRow = cols * cop + 8; // D row stride (floats): a gap
    const [tab, a, d, out] = [16, 256, 4096, 12000];
    for (let r = 0; r < 4; r++) i[tab + r] = (a + r * 40) * 4;
    for (let k = 0; k < 1000; k++) f[a + k] = ((k * 7) % 13) / 13 - 0.5;
    for (let k = 0; k < 1000; k++) f[d + k] = ((k * 5) % 11) / 11 - 0.5;
    f.fill(0, out, out + 4 * cop);
    const gemm4x2 = ex.gemm4x2 as (...args: number[]) => void;
    const gemm4x1 = ex.gemm4x1 as (...args: number[]) => void;
    gemm4x2(tab * 4, 4, d * 4, rows, cols, aRow * 4, dRow * 4, cop * 4, out * 4, cop * 4, 8);
    for (let r = 0; r < 4; r++) {
      for (let j = 0; j < cop; j++) {
        let want = 0;
        for (let t = 0; t < rows; t++) for (let u = 0; u < cols; u++) want += f[a + r * 40 + 2 + t * aRow + u] * f[d + t * dRow + u * cop + j];
        expect(Math.abs(f[out + r * cop + j] - want)).toBeLessThan(1e-5);
      }
    }
    // gemm4x1 on the second half of the columns adds the same values again.
    gemm4x1(tab * 4, 4, (d + 4) * 4, rows, cols, aRow * 4, dRow * 4, cop * 4, (out + 4) * 4, cop * 4, 8);
    let want = 0;
    for (let t = 0; t < rows; t++) for (let u = 0; u < cols; u++) want += f[a + 2 + t * aRow + u] * f[d + t * dRow + u * cop + 5];
    expect(Math.abs(f[out + 5] - 2 * want)).toBeLessThan(1e-5);
  });

  it('the assembler encodes negative constants and nested loops', () => {
    const fn = new FunctionBuilder('sumTo', [I32], [I32]);
    const acc = fn.local(I32);
    const k = fn.local(I32);
    fn.i32(-1000).set(acc).i32(0).set(k);
    fn.block().loop();
    fn.get(k).get(0).i32GeS().brIf(1);
    fn.get(acc).get(k).i32Add().set(acc);
    fn.get(k).i32(1).i32Add().set(k).br(0);
    fn.end().end();
    fn.get(acc);
    const ex = instantiate(buildModule([fn], false), new WebAssembly.Memory({ initial: 1 }));
    expect((ex.sumTo as (n: number) => number)(10)).toBe(-955);
  });
});
