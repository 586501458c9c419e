/**
 * Hand-written WebAssembly SIMD loops for the training kernels, compiled once per tfjs wasm heap and
 * run directly on it (the module imports tfjs-backend-wasm's own `WebAssembly.Memory`).
 *
 * Why not XNNPACK for everything: tfjs-backend-wasm exposes XNNPACK only as `BatchMatMul`/`Conv2D`
 * kernels, and both re-pack their right-hand operand ("weights") on every call with a new tensor.
 * The filter gradient reduces over N·OH·OW, so both of its operands are large and that packing
 * costs several times the arithmetic. These loops read the operands where they lie.
 *
 * - `gemm4xN` (N = 1, 2, 3 vectors): out[k, j] += Σ_m A_k[m] · D[m, j] for 4 rows k at a time, each row A_k a run of
 *   floats at its own address (read from a table), D with a column block of 4·N; the reduction
 *   index m may be 2-D (rows of a block with gaps between them).
 * - `maxPool2x2`: the gradient of a row of disjoint 2×2 max-pool windows, 4 channels per vector.
 * - `addRowVector`, `sumRows`: a bias add and its gradient (sum over all but the last axis).
 *
 * Everything here degrades gracefully: when the module cannot be built (no SIMD, no access to the
 * heap's Memory object), `simdKernelsFor` returns null and callers use their JS paths.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { buildModule, channelVectorLoop, FunctionBuilder, I32, V128 } from './wasm-assembler';
import { heapModule } from './heap-module';

/** Typed exports of the module. All pointers and strides are byte addresses in the tfjs heap. */
export interface SimdKernels {
  readonly memory: WebAssembly.Memory;
  /**
   * For each block of 4 rows r (kp a multiple of 4), with A_r = table[r] + mOff, accumulates
   * out[r·outStride + 16j ..] += Σ_{t < rowCount, u < colCount} A_r[t·aRowStride + 4u] ·
   * D[d + t·dRowStride + u·dColStride + 16j ..] over j < N vectors (4 floats each): a GEMM whose
   * reduction index runs over a 2-D block (t, u), so A and D may have gaps between their rows.
   */
  gemm4x1(table: number, kp: number, d: number, rowCount: number, colCount: number, aRowStride: number, dRowStride: number, dColStride: number, out: number, outStride: number, mOff: number): void;
  gemm4x2(table: number, kp: number, d: number, rowCount: number, colCount: number, aRowStride: number, dRowStride: number, dColStride: number, out: number, outStride: number, mOff: number): void;
  gemm4x3(table: number, kp: number, d: number, rowCount: number, colCount: number, aRowStride: number, dRowStride: number, dColStride: number, out: number, outStride: number, mOff: number): void;
  /**
   * `count` disjoint 2×2 windows along one row, `c` ≥ 4 channels (NHWC): window w's top-left is
   * x + w·winStep, its dy is dy + w·c·4, its dx is dx + w·winStep (dx written, not added). The
   * first maximum in row-major order takes dy, the three others get 0. Returns 1 when some window
   * held NaN or only −∞, or some dy was not finite: the caller redoes that row exactly.
   */
  maxPool2x2(x: number, dy: number, dx: number, count: number, c: number, rowStride: number, winStep: number): number;
  /** out[r·c + ch] = a[r·c + ch] + vec[ch] for r < rowCount, ch < c (c ≥ 4). */
  addRowVector(a: number, vec: number, out: number, rowCount: number, c: number): void;
  /** acc[ch] += Σ_{r < rowCount} x[r·c + ch] for ch < c, in float32. */
  sumRows(x: number, acc: number, rowCount: number, c: number): void;
}

function gemmFunction(vectors: 1 | 2 | 3): FunctionBuilder {
  const f = new FunctionBuilder(`gemm4x${vectors}`, [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [table, kp, d, rowCount, colCount, aRowStride, dRowStride, dColStride, out, outStride, mOff] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const kb = f.local(I32);
  const colEnd = f.local(I32);
  const row = f.local(I32);
  const m = f.local(I32);
  const pdRow = f.local(I32);
  const pd = f.local(I32);
  const po = f.local(I32);
  const rows = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const acc = rows.map(() => Array.from({ length: vectors }, () => f.local(V128)));
  const dv = Array.from({ length: vectors }, () => f.local(V128));
  const a = f.local(V128);

  f.get(colCount).i32(4).i32Mul().set(colEnd);
  f.i32(0).set(kb);
  f.block().loop();
  {
    f.get(kb).get(kp).i32GeS().brIf(1);
    rows.forEach((r, i) => {
      f.get(table).get(kb).i32(4).i32Mul().i32Add().i32Load(4 * i).get(mOff).i32Add().set(r);
    });
    for (const accRow of acc) for (const v of accRow) f.f32x4Const(0).set(v);
    f.get(d).set(pdRow);
    f.i32(0).set(row);
    f.block().loop();
    {
      f.get(row).get(rowCount).i32GeS().brIf(1);
      f.i32(0).set(m);
      f.get(pdRow).set(pd);
      f.block().loop();
      {
        f.get(m).get(colEnd).i32GeS().brIf(1);
        dv.forEach((v, j) => f.get(pd).v128Load(16 * j).set(v));
        rows.forEach((r, i) => {
          f.get(r).get(m).i32Add().v128Load32Splat().set(a);
          dv.forEach((v, j) => {
            f.get(acc[i][j]).get(a).get(v).f32x4Mul().f32x4Add().set(acc[i][j]);
          });
        });
        f.get(m).i32(4).i32Add().set(m);
        f.get(pd).get(dColStride).i32Add().set(pd);
        f.br(0);
      }
      f.end().end();
      rows.forEach((r) => f.get(r).get(aRowStride).i32Add().set(r));
      f.get(pdRow).get(dRowStride).i32Add().set(pdRow);
      f.get(row).i32(1).i32Add().set(row);
      f.br(0);
    }
    f.end().end();
    f.get(out).get(kb).get(outStride).i32Mul().i32Add().set(po);
    acc.forEach((accRow) => {
      accRow.forEach((v, j) => {
        f.get(po).get(po).v128Load(16 * j).get(v).f32x4Add().v128Store(16 * j);
      });
      f.get(po).get(outStride).i32Add().set(po);
    });
    f.get(kb).i32(4).i32Add().set(kb);
    f.br(0);
  }
  f.end().end();
  return f;
}

function maxPoolFunction(): FunctionBuilder {
  const f = new FunctionBuilder('maxPool2x2', [I32, I32, I32, I32, I32, I32, I32], [I32]);
  const [x, dy, dx, count, c, rowStride, winStep] = [0, 1, 2, 3, 4, 5, 6];
  const k = f.local(I32);
  const pw = f.local(I32);
  const pdx = f.local(I32);
  const pg = f.local(I32);
  const ch = f.local(I32);
  const off = f.local(I32);
  const cb = f.local(I32);
  const lastOff = f.local(I32);
  const v = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const g = f.local(V128);
  const mx = f.local(V128);
  const e = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const seen = f.local(V128);
  const bad = f.local(V128);
  // Byte offsets of the four window cells from the window's corner + channel offset.
  const cell = (i: number): void => {
    f.get(pw).get(off).i32Add();
    if (i & 1) f.get(cb).i32Add();
    if (i & 2) f.get(rowStride).i32Add();
  };
  const dxCell = (i: number): void => {
    f.get(pdx).get(off).i32Add();
    if (i & 1) f.get(cb).i32Add();
    if (i & 2) f.get(rowStride).i32Add();
  };

  f.get(c).i32(4).i32Mul().set(cb);
  f.get(cb).i32(16).i32Sub().set(lastOff);
  f.f32x4Const(0).set(bad);
  f.i32(0).set(k);
  f.get(x).set(pw);
  f.get(dx).set(pdx);
  f.get(dy).set(pg);
  f.block().loop();
  {
    f.get(k).get(count).i32GeS().brIf(1);
    channelVectorLoop(f, { ch, cb, lastOff, off }, () => {
      for (let i = 0; i < 4; i++) {
        cell(i);
        f.v128Load().set(v[i]);
      }
      f.get(pg).get(off).i32Add().v128Load().set(g);
      f.get(v[0]).get(v[1]).f32x4Max().get(v[2]).get(v[3]).f32x4Max().f32x4Max().set(mx);
      // bad |= !(mx > -inf) | !(g - g == 0)
      f.get(bad);
      f.get(mx).f32x4Const(-Infinity).f32x4Gt().v128Not();
      f.get(g).get(g).f32x4Sub().f32x4Const(0).f32x4Eq().v128Not();
      f.v128Or().v128Or().set(bad);
      // e0 = v0 == mx; e1 = (v1 == mx) & ~e0; e2 = (v2 == mx) & ~(e0|e1); e3 = ~(e0|e1|e2)
      f.get(v[0]).get(mx).f32x4Eq().tee(e[0]).set(seen);
      f.get(v[1]).get(mx).f32x4Eq().get(seen).v128AndNot().tee(e[1]).get(seen).v128Or().set(seen);
      f.get(v[2]).get(mx).f32x4Eq().get(seen).v128AndNot().tee(e[2]).get(seen).v128Or().v128Not().set(e[3]);
      for (let i = 0; i < 4; i++) {
        dxCell(i);
        f.get(e[i]).get(g).v128And().v128Store();
      }
    });
    f.get(pw).get(winStep).i32Add().set(pw);
    f.get(pdx).get(winStep).i32Add().set(pdx);
    f.get(pg).get(cb).i32Add().set(pg);
    f.get(k).i32(1).i32Add().set(k);
    f.br(0);
  }
  f.end().end();
  f.get(bad).v128AnyTrue();
  return f;
}

function addRowVectorFunction(): FunctionBuilder {
  const f = new FunctionBuilder('addRowVector', [I32, I32, I32, I32, I32]);
  const [a, vec, out, rowCount, c] = [0, 1, 2, 3, 4];
  const row = f.local(I32);
  const pa = f.local(I32);
  const po = f.local(I32);
  const ch = f.local(I32);
  const off = f.local(I32);
  const cb = f.local(I32);
  const lastOff = f.local(I32);
  f.get(c).i32(4).i32Mul().set(cb);
  f.get(cb).i32(16).i32Sub().set(lastOff);
  f.get(a).set(pa);
  f.get(out).set(po);
  f.i32(0).set(row);
  f.block().loop();
  {
    f.get(row).get(rowCount).i32GeS().brIf(1);
    channelVectorLoop(f, { ch, cb, lastOff, off }, () => {
      f.get(po).get(off).i32Add();
      f.get(pa).get(off).i32Add().v128Load();
      f.get(vec).get(off).i32Add().v128Load();
      f.f32x4Add().v128Store();
    });
    f.get(pa).get(cb).i32Add().set(pa);
    f.get(po).get(cb).i32Add().set(po);
    f.get(row).i32(1).i32Add().set(row);
    f.br(0);
  }
  f.end().end();
  return f;
}

function sumRowsFunction(): FunctionBuilder {
  const f = new FunctionBuilder('sumRows', [I32, I32, I32, I32]);
  const [x, acc, rowCount, c] = [0, 1, 2, 3];
  const row = f.local(I32);
  const px = f.local(I32);
  const off = f.local(I32);
  const cb = f.local(I32);
  const c4b = f.local(I32);
  f.get(c).i32(4).i32Mul().set(cb);
  f.get(c).i32(-4).i32And().i32(4).i32Mul().set(c4b);
  f.get(x).set(px);
  f.i32(0).set(row);
  f.block().loop();
  {
    f.get(row).get(rowCount).i32GeS().brIf(1);
    f.i32(0).set(off);
    f.block().loop();
    {
      f.get(off).get(c4b).i32GeS().brIf(1);
      f.get(acc).get(off).i32Add();
      f.get(acc).get(off).i32Add().v128Load();
      f.get(px).get(off).i32Add().v128Load();
      f.f32x4Add().v128Store();
      f.get(off).i32(16).i32Add().set(off);
      f.br(0);
    }
    f.end().end();
    f.block().loop();
    {
      f.get(off).get(cb).i32GeS().brIf(1);
      f.get(acc).get(off).i32Add();
      f.get(acc).get(off).i32Add().f32Load();
      f.get(px).get(off).i32Add().f32Load();
      f.f32Add().f32Store();
      f.get(off).i32(4).i32Add().set(off);
      f.br(0);
    }
    f.end().end();
    f.get(px).get(cb).i32Add().set(px);
    f.get(row).i32(1).i32Add().set(row);
    f.br(0);
  }
  f.end().end();
  return f;
}

/** The module's bytes for a heap that is (threaded tfjs build) or is not shared. */
export function simdModuleBytes(sharedMemory: boolean): Uint8Array<ArrayBuffer> {
  return buildModule([gemmFunction(1), gemmFunction(2), gemmFunction(3), maxPoolFunction(), addRowVectorFunction(), sumRowsFunction()], sharedMemory);
}

const simdModule = heapModule(simdModuleBytes, ['gemm4x1', 'gemm4x2', 'gemm4x3', 'maxPool2x2', 'addRowVector', 'sumRows'] as const, (fns, memory) => ({
  memory,
  gemm4x1: (...args) => void fns.gemm4x1(...args),
  gemm4x2: (...args) => void fns.gemm4x2(...args),
  gemm4x3: (...args) => void fns.gemm4x3(...args),
  maxPool2x2: (...args) => Number(fns.maxPool2x2(...args)),
  addRowVector: (...args) => void fns.addRowVector(...args),
  sumRows: (...args) => void fns.sumRows(...args),
}) satisfies SimdKernels);

/** Turns the SIMD loops off (true) or back on, e.g. to test the JS paths. */
export function setSimdKernelsDisabled(disabled: boolean): void {
  simdModule.setDisabled(disabled);
}

/** The SIMD loops for this backend's heap, or null where they cannot run. */
export function simdKernelsFor(backend: BackendWasm): SimdKernels | null {
  return simdModule.kernelsFor(backend);
}
