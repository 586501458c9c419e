/**
 * The SIMD loops of `assembly/` (one AssemblyScript file each, compiled at build time), bound to
 * tfjs-backend-wasm's heap, and grouped the way the tfjs kernels use them:
 *
 * - `SimdKernels`: `gemm4xN` (the filter gradient of a convolution, the fused dense trainer), the
 *   max-pool gradient, and the row-by-row bias add and bias gradient.
 * - `ElementwiseKernels`: relu, relu's gradient, the periodic bias add and bias gradient, and the
 *   2×2 max pool: the element-wise parts of a CNN step, streamed 4 floats at a time.
 *
 * Why not XNNPACK for everything: tfjs-backend-wasm exposes XNNPACK only as `BatchMatMul`/`Conv2D`
 * kernels, and both re-pack their right-hand operand ("weights") on every call with a new tensor.
 * The filter gradient reduces over N·OH·OW, so both of its operands are large and that packing
 * costs several times the arithmetic; these loops read the operands where they lie. The shipped
 * element-wise kernels run at a third of memory bandwidth and pay a per-row overhead for channel
 * counts that are not a multiple of 4.
 *
 * Everything degrades gracefully: where a module cannot run (no SIMD, no access to the heap's
 * Memory object), `simdKernelsFor`/`elementwiseKernelsFor` return null and callers use their JS
 * or shipped paths. All pointers, strides and lengths are byte addresses in the tfjs heap.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WASM_MODULES } from './generated/wasm-modules';
import { heapModule, type ExportedFunctions } from './heap-module';
import { wasmHeapMemory } from './wasm-kernel-utils';

/** Every module of `assembly/` with the functions it exports (a test checks both directions). */
export const WASM_LOOP_MODULES = {
  gemm: heapModule(WASM_MODULES.gemm, ['gemm4x1', 'gemm4x2', 'gemm4x3'] as const),
  maxPoolGrad2x2: heapModule(WASM_MODULES.maxPoolGrad2x2, ['maxPoolGrad2x2'] as const),
  addRowVector: heapModule(WASM_MODULES.addRowVector, ['addRowVector'] as const),
  sumRows: heapModule(WASM_MODULES.sumRows, ['sumRows'] as const),
  relu: heapModule(WASM_MODULES.relu, ['relu'] as const),
  reluGrad: heapModule(WASM_MODULES.reluGrad, ['reluGrad'] as const),
  addPeriodic: heapModule(WASM_MODULES.addPeriodic, ['addPeriodic'] as const),
  sumPeriodic: heapModule(WASM_MODULES.sumPeriodic, ['sumPeriodic'] as const),
  maxPool2x2: heapModule(WASM_MODULES.maxPool2x2, ['maxPool2x2'] as const),
};

/** One of the gemm4xN loops (N = 1, 2, 3 vectors of 4 output columns per row block); see `SimdKernels.gemm4x1`. */
export type Gemm4xN = (
  table: number,
  kp: number,
  d: number,
  rowCount: number,
  colCount: number,
  aRowStride: number,
  dRowStride: number,
  dColStride: number,
  out: number,
  outStride: number,
  mOff: number,
) => void;

/** Typed SIMD loops for GEMMs, the max-pool gradient and row-wise bias operations. */
export interface SimdKernels {
  readonly memory: WebAssembly.Memory;
  /**
   * For each block of 4 rows r (kp a multiple of 4), with A_r = table[r] + mOff, accumulates
   * out[r·outStride + 16j ..] += Σ_{t < rowCount, u < colCount} A_r[t·aRowStride + 4u] ·
   * D[d + t·dRowStride + u·dColStride + 16j ..] over j < N vectors (4 floats each): a GEMM whose
   * reduction index runs over a 2-D block (t, u), so A and D may have gaps between their rows.
   */
  gemm4x1: Gemm4xN;
  gemm4x2: Gemm4xN;
  gemm4x3: Gemm4xN;
  /**
   * `count` disjoint 2×2 windows along one row, `c` ≥ 4 channels (NHWC): window w's top-left is
   * x + w·winStep, its dy is dy + w·c·4, its dx is dx + w·winStep (dx written, not added). The
   * first maximum in row-major order takes dy, the three others get 0. Returns 1 when some window
   * held NaN or only −∞, or some dy was not finite: the caller redoes that row exactly.
   */
  maxPoolGrad2x2(x: number, dy: number, dx: number, count: number, c: number, rowStride: number, winStep: number): number;
  /** out[r·c + ch] = a[r·c + ch] + vec[ch] for r < rowCount, ch < c (c ≥ 4). */
  addRowVector(a: number, vec: number, out: number, rowCount: number, c: number): void;
  /** acc[ch] += Σ_{r < rowCount} x[r·c + ch] for ch < c, in float32. */
  sumRows(x: number, acc: number, rowCount: number, c: number): void;
}

/** Typed element-wise loops. Lengths are bytes, multiples of 16; callers finish the last 0–3 floats. */
export interface ElementwiseKernels {
  /** out = max(x, 0) (NaN stays NaN, as the cpu backend's relu). */
  relu(x: number, out: number, bytes: number): void;
  /** out = dy · step(x), step(x) = x > 0 ? 1 : 0: relu's gradient as tfjs defines it, in one pass. */
  reluGrad(dy: number, x: number, out: number, bytes: number): void;
  /** out[i] = a[i] + vec[i mod period] (period in bytes, a multiple of 16). */
  addPeriodic(a: number, vec: number, out: number, bytes: number, periodBytes: number): void;
  /** acc[i mod period] += x[i] (float32 adds). */
  sumPeriodic(x: number, acc: number, bytes: number, periodBytes: number): void;
  /**
   * Max of disjoint 2×2 windows over one NHWC image: `outRows` × `outCols` windows of `c` ≥ 4
   * channels, input rows `rowBytes` apart. The cpu backend's semantics: the first maximum in
   * row-major order, NaN ignored, −∞ for a window of NaN only.
   */
  maxPool2x2(x: number, out: number, outRows: number, outCols: number, c: number, rowBytes: number): void;
}

type Loader<T> = (memory: WebAssembly.Memory) => T | null;

/** A group of loops, composed once per heap, with a switch to turn the group off. */
function loopGroup<T>(compose: Loader<T>): { forBackend(backend: BackendWasm): T | null; setDisabled(disabled: boolean): void } {
  const cache = new WeakMap<WebAssembly.Memory, T | null>();
  let enabled = true;
  return {
    forBackend(backend) {
      if (!enabled) return null;
      const memory = wasmHeapMemory(backend);
      if (!memory) return null;
      let loops = cache.get(memory);
      if (loops === undefined) {
        loops = compose(memory);
        cache.set(memory, loops);
      }
      return loops;
    },
    setDisabled(disabled) {
      enabled = !disabled;
    },
  };
}

const asVoid =
  <N extends string>(fns: ExportedFunctions<N>, name: N) =>
  (...args: number[]): void =>
    void fns[name](...args);

const simdGroup = loopGroup<SimdKernels>((memory) => {
  const gemm = WASM_LOOP_MODULES.gemm.forMemory(memory);
  const pool = WASM_LOOP_MODULES.maxPoolGrad2x2.forMemory(memory);
  const add = WASM_LOOP_MODULES.addRowVector.forMemory(memory);
  const sum = WASM_LOOP_MODULES.sumRows.forMemory(memory);
  if (!gemm || !pool || !add || !sum) return null;
  return {
    memory,
    gemm4x1: asVoid(gemm, 'gemm4x1'),
    gemm4x2: asVoid(gemm, 'gemm4x2'),
    gemm4x3: asVoid(gemm, 'gemm4x3'),
    maxPoolGrad2x2: (...args) => Number(pool.maxPoolGrad2x2(...args)),
    addRowVector: asVoid(add, 'addRowVector'),
    sumRows: asVoid(sum, 'sumRows'),
  };
});

const elementwiseGroup = loopGroup<ElementwiseKernels>((memory) => {
  const relu = WASM_LOOP_MODULES.relu.forMemory(memory);
  const reluGrad = WASM_LOOP_MODULES.reluGrad.forMemory(memory);
  const add = WASM_LOOP_MODULES.addPeriodic.forMemory(memory);
  const sum = WASM_LOOP_MODULES.sumPeriodic.forMemory(memory);
  const pool = WASM_LOOP_MODULES.maxPool2x2.forMemory(memory);
  if (!relu || !reluGrad || !add || !sum || !pool) return null;
  return {
    relu: asVoid(relu, 'relu'),
    reluGrad: asVoid(reluGrad, 'reluGrad'),
    addPeriodic: asVoid(add, 'addPeriodic'),
    sumPeriodic: asVoid(sum, 'sumPeriodic'),
    maxPool2x2: asVoid(pool, 'maxPool2x2'),
  };
});

/** The SIMD loops for this backend's heap, or null where they cannot run. */
export function simdKernelsFor(backend: BackendWasm): SimdKernels | null {
  return simdGroup.forBackend(backend);
}

/** Turns the SIMD loops off (true) or back on, e.g. to test the JS paths. */
export function setSimdKernelsDisabled(disabled: boolean): void {
  simdGroup.setDisabled(disabled);
}

/** The element-wise loops for this backend's heap, or null where they cannot run. */
export function elementwiseKernelsFor(backend: BackendWasm): ElementwiseKernels | null {
  return elementwiseGroup.forBackend(backend);
}

/** Turns the element-wise loops off (true) or back on, e.g. to test the fallbacks. */
export function setElementwiseKernelsDisabled(disabled: boolean): void {
  elementwiseGroup.setDisabled(disabled);
}

/**
 * The period (in floats) of a per-channel operand over `channels` channels: a multiple of both
 * `channels` and 4, at least 64 floats so the loop's wrap test is rare.
 */
export function channelPeriod(channels: number): number {
  const base = channels % 4 === 0 ? channels : channels % 2 === 0 ? channels * 2 : channels * 4;
  return base * Math.max(1, Math.ceil(64 / base));
}
