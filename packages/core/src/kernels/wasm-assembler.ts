/**
 * A very small WebAssembly binary writer, enough to emit a few SIMD loops that work directly on
 * tfjs-backend-wasm's heap (the module imports that heap's `WebAssembly.Memory`). No parsing, no
 * text format: functions are written instruction by instruction through `FunctionBuilder`, and
 * `buildModule` lays out the sections. Only the opcodes the training kernels use are here.
 *
 * Encoding reference: the WebAssembly core spec (binary format) and the SIMD proposal's opcode
 * table (prefix 0xfd, LEB128 sub-opcode).
 */

/** Value types. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

function uleb(out: number[], value: number): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

function sleb(out: number[], value: number): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function name(out: number[], text: string): void {
  const bytes = Array.from(text, (ch) => ch.charCodeAt(0));
  uleb(out, bytes.length);
  out.push(...bytes);
}

/** log2 of the natural alignment, as memory instructions encode it. */
const ALIGN4 = 2;
const ALIGN16 = 4;

/** Writes one function body. Locals are declared up front (`param`/`local`), then code. */
export class FunctionBuilder {
  readonly params: ValType[] = [];
  readonly results: ValType[] = [];
  private readonly locals: ValType[] = [];
  private readonly code: number[] = [];

  constructor(
    readonly exportName: string,
    params: ValType[],
    results: ValType[] = [],
  ) {
    this.params.push(...params);
    this.results.push(...results);
  }

  /** Declares a local, returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  private simd(sub: number): this {
    this.code.push(0xfd);
    uleb(this.code, sub);
    return this;
  }

  private memarg(align: number, offset: number): this {
    uleb(this.code, align);
    uleb(this.code, offset);
    return this;
  }

  // Control.
  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  if(): this {
    return this.op(0x04, 0x40);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    this.op(0x0c);
    uleb(this.code, depth);
    return this;
  }
  brIf(depth: number): this {
    this.op(0x0d);
    uleb(this.code, depth);
    return this;
  }
  select(): this {
    return this.op(0x1b);
  }

  // Locals.
  get(index: number): this {
    this.op(0x20);
    uleb(this.code, index);
    return this;
  }
  set(index: number): this {
    this.op(0x21);
    uleb(this.code, index);
    return this;
  }
  tee(index: number): this {
    this.op(0x22);
    uleb(this.code, index);
    return this;
  }

  // i32.
  i32(value: number): this {
    this.op(0x41);
    sleb(this.code, value);
    return this;
  }
  i32Load(offset = 0): this {
    return this.op(0x28).memarg(ALIGN4, offset);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32And(): this {
    return this.op(0x71);
  }
  i32Or(): this {
    return this.op(0x72);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32GeS(): this {
    return this.op(0x4e);
  }
  i32Eqz(): this {
    return this.op(0x45);
  }

  // f32 (scalar).
  f32Load(offset = 0): this {
    return this.op(0x2a).memarg(ALIGN4, offset);
  }
  f32Store(offset = 0): this {
    return this.op(0x38).memarg(ALIGN4, offset);
  }
  f32Add(): this {
    return this.op(0x92);
  }

  // v128.
  v128Load(offset = 0): this {
    return this.simd(0x00).memarg(ALIGN16, offset);
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b).memarg(ALIGN16, offset);
  }
  v128Load32Splat(offset = 0): this {
    return this.simd(0x09).memarg(ALIGN4, offset);
  }
  f32x4Splat(): this {
    return this.simd(0x13);
  }
  /** v128 holding four copies of `value`. */
  f32x4Const(value: number): this {
    const lane = new Uint8Array(new Float32Array([value]).buffer);
    this.simd(0x0c);
    for (let i = 0; i < 4; i++) this.code.push(...lane);
    return this;
  }
  v128Not(): this {
    return this.simd(0x4d);
  }
  v128And(): this {
    return this.simd(0x4e);
  }
  /** a & ~b */
  v128AndNot(): this {
    return this.simd(0x4f);
  }
  v128Or(): this {
    return this.simd(0x50);
  }
  /** (a & c) | (b & ~c) for a, b, c on the stack in that order. */
  v128Bitselect(): this {
    return this.simd(0x52);
  }
  v128AnyTrue(): this {
    return this.simd(0x53);
  }
  f32x4Eq(): this {
    return this.simd(0x41);
  }
  f32x4Gt(): this {
    return this.simd(0x44);
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Sub(): this {
    return this.simd(0xe5);
  }
  f32x4Mul(): this {
    return this.simd(0xe6);
  }
  f32x4Max(): this {
    return this.simd(0xe9);
  }
  /** Pseudo-max: b > a ? b : a (a NaN in b is ignored). */
  f32x4Pmax(): this {
    return this.simd(0xeb);
  }

  /** The body as the code section stores it (size-prefixed, locals run-length encoded). */
  encode(): number[] {
    const body: number[] = [];
    const runs: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    uleb(body, runs.length);
    for (const [count, t] of runs) {
      uleb(body, count);
      body.push(t);
    }
    body.push(...this.code, 0x0b);
    const out: number[] = [];
    uleb(out, body.length);
    out.push(...body);
    return out;
  }
}

function section(out: number[], id: number, content: number[]): void {
  out.push(id);
  uleb(out, content.length);
  out.push(...content);
}

/**
 * A module importing one memory as `env.memory` (shared when the host's heap is, as in the threaded
 * tfjs build) and exporting `functions` under their names.
 */
export function buildModule(functions: FunctionBuilder[], sharedMemory: boolean): Uint8Array<ArrayBuffer> {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

  const types: number[] = [];
  uleb(types, functions.length);
  for (const f of functions) {
    types.push(0x60);
    uleb(types, f.params.length);
    types.push(...f.params);
    uleb(types, f.results.length);
    types.push(...f.results);
  }
  section(out, 1, types);

  const imports: number[] = [];
  uleb(imports, 1);
  name(imports, 'env');
  name(imports, 'memory');
  imports.push(0x02);
  if (sharedMemory) {
    imports.push(0x03);
    uleb(imports, 0);
    uleb(imports, 65536);
  } else {
    imports.push(0x00);
    uleb(imports, 0);
  }
  section(out, 2, imports);

  const funcs: number[] = [];
  uleb(funcs, functions.length);
  functions.forEach((_, i) => uleb(funcs, i));
  section(out, 3, funcs);

  const exports: number[] = [];
  uleb(exports, functions.length);
  functions.forEach((f, i) => {
    name(exports, f.exportName);
    exports.push(0x00);
    uleb(exports, i);
  });
  section(out, 7, exports);

  const code: number[] = [];
  uleb(code, functions.length);
  for (const f of functions) code.push(...f.encode());
  section(out, 10, code);

  return new Uint8Array(out);
}

/** Locals of `channelVectorLoop`: the byte offset `ch`, its end `cb`, the last full vector's offset `lastOff`, and `off`. */
export interface ChannelLoopLocals {
  ch: number;
  cb: number;
  lastOff: number;
  off: number;
}

/**
 * for (ch = 0; ch < cb; ch += 16) { off = min(ch, lastOff); body() }: the channels of one pixel,
 * 4 at a time, the last vector moved back to end at `cb` when the channel count is not a multiple
 * of 4 (it then overlaps the previous one and recomputes the same values). `cb` = channels·4 and
 * `lastOff` = cb − 16 are set by the caller.
 */
export function channelVectorLoop(f: FunctionBuilder, { ch, cb, lastOff, off }: ChannelLoopLocals, body: () => void): void {
  f.i32(0).set(ch);
  f.block().loop();
  f.get(ch).get(cb).i32GeS().brIf(1);
  f.get(ch).get(lastOff).get(ch).get(lastOff).i32LtS().select().set(off);
  body();
  f.get(ch).i32(16).i32Add().set(ch);
  f.br(0);
  f.end().end();
}
