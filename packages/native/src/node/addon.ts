/**
 * Loading the compiled addon (build/nnlab_native.node) once, with the reason when it cannot be
 * loaded (not built, oneDNN's library missing, another platform). `NNLAB_NATIVE_ADDON` points at
 * another file (tests use it to simulate a missing addon).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeLayerDesc } from '../plan';
import type { NativeOptimizerDesc } from '../optimizer-desc';

/** `import.meta.url` in the ESM build (tools/tsup-library.ts); not defined elsewhere. */
declare const __NNLAB_MODULE_URL__: string | undefined;

/** An opaque handle to a native model. */
export type NativeModelHandle = { readonly __nativeModel: unique symbol };

export interface NativeModelDesc {
  input: number[];
  layers: NativeLayerDesc[];
  maxBatch: number;
  loss?: string;
  optimizer?: NativeOptimizerDesc;
  threads?: number;
  seed?: number;
  classWeight?: readonly number[];
}

export interface NativeAddonInfo {
  /** oneDNN's version. */
  version: string;
  /** The instruction set oneDNN dispatches to (honours ONEDNN_MAX_CPU_ISA). */
  isa: string;
  maxThreads: number;
  /** Layer kinds this build registers. */
  layerKinds: string[];
}

/** The functions src/cc/addon.cc and model-api.cc export. */
export interface NativeAddon {
  info(): NativeAddonInfo;
  createModel(desc: NativeModelDesc): NativeModelHandle;
  modelInfo(h: NativeModelHandle): {
    threads: number;
    flopsPerSample: number;
    slotsPerWeight: number;
    weights: { name: string; shape: number[]; trainable: boolean }[];
  };
  loadWeights(h: NativeModelHandle, arrays: Float32Array[]): void;
  storeWeights(h: NativeModelHandle, arrays: Float32Array[]): void;
  loadSlots(h: NativeModelHandle, arrays: Float32Array[]): void;
  storeSlots(h: NativeModelHandle, arrays: Float32Array[]): void;
  setData(h: NativeModelHandle, x: Float32Array, y: Float32Array): void;
  trainStep(h: NativeModelHandle, indices: Int32Array, out: Float64Array): void;
  predict(h: NativeModelHandle, x: Float32Array, out: Float32Array): void;
  disposeModel(h: NativeModelHandle): void;
}

export type AddonStatus = { available: true; addon: NativeAddon; info: NativeAddonInfo } | { available: false; reason: string };

const ADDON_FILE = join('build', 'nnlab_native.node');

/** This module's folder in every form the code runs in (ESM build, CJS build, jest). */
function hereDir(): string {
  if (typeof __NNLAB_MODULE_URL__ === 'string' && __NNLAB_MODULE_URL__.startsWith('file:')) return dirname(fileURLToPath(__NNLAB_MODULE_URL__));
  if (typeof __dirname === 'string') return __dirname;
  return process.cwd();
}

/** The package folder of @nnlab/native (the first folder up whose package.json names it). */
function packageDir(): string | null {
  let dir = hereDir();
  for (let i = 0; i < 5; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@nnlab/native') return dir;
      } catch {
        /* not ours */
      }
    }
    dir = dirname(dir);
  }
  return null;
}

/** Where the addon file is expected. */
export function addonPath(): string | null {
  if (process.env.NNLAB_NATIVE_ADDON) return process.env.NNLAB_NATIVE_ADDON;
  const dir = packageDir();
  return dir ? join(dir, ADDON_FILE) : null;
}

let cached: AddonStatus | undefined;

/** The addon, or why it is unavailable (loaded once per process). */
export function loadAddon(): AddonStatus {
  if (cached) return cached;
  cached = tryLoad();
  return cached;
}

function tryLoad(): AddonStatus {
  if (process.platform !== 'linux') return { available: false, reason: `the native engine is built on Linux only (this is ${process.platform})` };
  const file = addonPath();
  if (!file) return { available: false, reason: 'the @nnlab/native package folder was not found' };
  if (!existsSync(file))
    return {
      available: false,
      reason: `the addon was not built (${file} is missing: install g++ and libdnnl-dev, then npm ci or npx nx run @nnlab/native:build)`,
    };
  try {
    const addon = createRequire(join(hereDir(), 'noop.js'))(file) as NativeAddon;
    return { available: true, addon, info: addon.info() };
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { available: false, reason: `the addon did not load (${message})` };
  }
}
