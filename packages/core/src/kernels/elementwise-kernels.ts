/**
 * Hand-written WebAssembly SIMD loops for the element-wise parts of a CNN training step, run on
 * tfjs-backend-wasm's heap like `simd-kernels.ts` (a second module, so each stays small enough for
 * browsers to compile synchronously).
 *
 * A CNN step passes its largest activations through a handful of element-wise kernels (bias add,
 * relu, relu gradient, bias gradient, 2×2 max pooling). The shipped ones run at a third of this machine's memory
 * bandwidth, and for channel counts that are not a multiple of 4 they pay a per-row overhead. These
 * loops stream 4 floats at a time; a per-channel operand repeats with a period (a multiple of both
 * the channel count and 4), so no row boundary ever splits a vector.
 *
 * Lengths are in bytes and multiples of 16; callers finish the last 0–3 floats.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { buildModule, channelVectorLoop, FunctionBuilder, I32 } from './wasm-assembler';
import { heapModule } from './heap-module';

/** Typed exports. All pointers and lengths are bytes in the tfjs heap. */
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

/** Loop skeleton: for (i = 0; i < bytes; i += 16) body(i), with `i` the first local after params. */
function streamLoop(f: FunctionBuilder, bytesParam: number, body: (i: number) => void, step?: () => void): void {
  const i = f.local(I32);
  f.i32(0).set(i);
  f.block().loop();
  f.get(i).get(bytesParam).i32GeS().brIf(1);
  body(i);
  step?.();
  f.get(i).i32(16).i32Add().set(i);
  f.br(0);
  f.end().end();
}

function reluFunction(): FunctionBuilder {
  const f = new FunctionBuilder('relu', [I32, I32, I32]);
  const [x, out, bytes] = [0, 1, 2];
  streamLoop(f, bytes, (i) => {
    f.get(out).get(i).i32Add();
    f.get(x).get(i).i32Add().v128Load().f32x4Const(0).f32x4Max();
    f.v128Store();
  });
  return f;
}

function reluGradFunction(): FunctionBuilder {
  const f = new FunctionBuilder('reluGrad', [I32, I32, I32, I32]);
  const [dy, x, out, bytes] = [0, 1, 2, 3];
  streamLoop(f, bytes, (i) => {
    f.get(out).get(i).i32Add();
    f.get(dy).get(i).i32Add().v128Load();
    // step(x) = bitselect(1, 0, x > 0); then dy · step(x), a real multiply as tfjs' mul(dy, step(x)).
    f.f32x4Const(1).f32x4Const(0);
    f.get(x).get(i).i32Add().v128Load().f32x4Const(0).f32x4Gt();
    f.v128Bitselect().f32x4Mul();
    f.v128Store();
  });
  return f;
}

/** Shared shape of addPeriodic/sumPeriodic: a period offset `p` that wraps at `periodBytes`. */
function periodicFunction(name: string, params: number, body: (f: FunctionBuilder, i: number, p: number) => void): FunctionBuilder {
  const f = new FunctionBuilder(name, Array.from({ length: params }, () => I32));
  const bytes = params - 2;
  const period = params - 1;
  const p = f.local(I32);
  const next = f.local(I32);
  f.i32(0).set(p);
  streamLoop(
    f,
    bytes,
    (i) => body(f, i, p),
    // p = p + 16 < period ? p + 16 : 0
    () => f.get(p).i32(16).i32Add().tee(next).i32(0).get(next).get(period).i32LtS().select().set(p),
  );
  return f;
}

function addPeriodicFunction(): FunctionBuilder {
  const [a, vec, out] = [0, 1, 2];
  return periodicFunction('addPeriodic', 5, (f, i, p) => {
    f.get(out).get(i).i32Add();
    f.get(a).get(i).i32Add().v128Load();
    f.get(vec).get(p).i32Add().v128Load();
    f.f32x4Add().v128Store();
  });
}

function sumPeriodicFunction(): FunctionBuilder {
  const [x, acc] = [0, 1];
  return periodicFunction('sumPeriodic', 4, (f, i, p) => {
    f.get(acc).get(p).i32Add();
    f.get(acc).get(p).i32Add().v128Load();
    f.get(x).get(i).i32Add().v128Load();
    f.f32x4Add().v128Store();
  });
}

function maxPool2x2Function(): FunctionBuilder {
  const f = new FunctionBuilder('maxPool2x2', [I32, I32, I32, I32, I32, I32]);
  const [x, out, outRows, outCols, c, rowBytes] = [0, 1, 2, 3, 4, 5];
  const r = f.local(I32);
  const k = f.local(I32);
  const ch = f.local(I32);
  const off = f.local(I32);
  const cb = f.local(I32);
  const lastOff = f.local(I32);
  const pw = f.local(I32);
  const po = f.local(I32);
  const rowStart = f.local(I32);
  f.get(c).i32(4).i32Mul().set(cb);
  f.get(cb).i32(16).i32Sub().set(lastOff);
  f.get(out).set(po);
  f.get(x).set(rowStart);
  f.i32(0).set(r);
  f.block().loop();
  {
    f.get(r).get(outRows).i32GeS().brIf(1);
    f.get(rowStart).set(pw);
    f.i32(0).set(k);
    f.block().loop();
    {
      f.get(k).get(outCols).i32GeS().brIf(1);
      channelVectorLoop(f, { ch, cb, lastOff, off }, () => {
        f.get(po).get(off).i32Add();
        // pmax(pmax(pmax(pmax(−∞, x00), x01), x10), x11): strict '>' in row-major order, as the cpu backend.
        f.f32x4Const(-Infinity);
        f.get(pw).get(off).i32Add().v128Load().f32x4Pmax();
        f.get(pw).get(off).i32Add().get(cb).i32Add().v128Load().f32x4Pmax();
        f.get(pw).get(off).i32Add().get(rowBytes).i32Add().v128Load().f32x4Pmax();
        f.get(pw).get(off).i32Add().get(rowBytes).i32Add().get(cb).i32Add().v128Load().f32x4Pmax();
        f.v128Store();
      });
      f.get(pw).get(cb).i32Add().get(cb).i32Add().set(pw);
      f.get(po).get(cb).i32Add().set(po);
      f.get(k).i32(1).i32Add().set(k);
      f.br(0);
    }
    f.end().end();
    f.get(rowStart).get(rowBytes).i32Add().get(rowBytes).i32Add().set(rowStart);
    f.get(r).i32(1).i32Add().set(r);
    f.br(0);
  }
  f.end().end();
  return f;
}

/** The module's bytes for a heap that is (threaded tfjs build) or is not shared. */
export function elementwiseModuleBytes(sharedMemory: boolean): Uint8Array<ArrayBuffer> {
  return buildModule([reluFunction(), reluGradFunction(), addPeriodicFunction(), sumPeriodicFunction(), maxPool2x2Function()], sharedMemory);
}

const elementwiseModule = heapModule(
  elementwiseModuleBytes,
  ['relu', 'reluGrad', 'addPeriodic', 'sumPeriodic', 'maxPool2x2'] as const,
  (fns) =>
    ({
      relu: (...args) => void fns.relu(...args),
      reluGrad: (...args) => void fns.reluGrad(...args),
      addPeriodic: (...args) => void fns.addPeriodic(...args),
      sumPeriodic: (...args) => void fns.sumPeriodic(...args),
      maxPool2x2: (...args) => void fns.maxPool2x2(...args),
    }) satisfies ElementwiseKernels,
);

/** Turns the loops off (true) or back on, e.g. to test the fallbacks. */
export function setElementwiseKernelsDisabled(disabled: boolean): void {
  elementwiseModule.setDisabled(disabled);
}

/** The loops for this backend's heap, or null where they cannot run. */
export function elementwiseKernelsFor(backend: BackendWasm): ElementwiseKernels | null {
  return elementwiseModule.kernelsFor(backend);
}

/**
 * The period (in floats) of a per-channel operand over `channels` channels: a multiple of both
 * `channels` and 4, at least 64 floats so the loop's wrap test is rare.
 */
export function channelPeriod(channels: number): number {
  const base = channels % 4 === 0 ? channels : channels % 2 === 0 ? channels * 2 : channels * 4;
  return base * Math.max(1, Math.ceil(64 / base));
}
