// Finds the repository's vendored `data/` folder (the one holding SHA256SUMS) by walking up from
// this module's own location — `__dirname` for the sources (jest) and the CJS build,
// `import.meta.url` for the ESM build (tsup defines __NNLAB_MODULE_URL__ as that) — and, failing
// that, from the working directory.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `import.meta.url` in the ESM build (see tsup.config.ts); not defined elsewhere. */
declare const __NNLAB_MODULE_URL__: string | undefined;

/** File that marks a vendored data folder. */
export const VENDOR_MARKER = 'SHA256SUMS';

/** How many parent folders are looked at from each start. */
const MAX_LEVELS = 12;

/** This module's folder in the ESM build, the CJS build and jest; `undefined` elsewhere. */
function moduleDir(): string | undefined {
  if (typeof __NNLAB_MODULE_URL__ === 'string' && __NNLAB_MODULE_URL__.startsWith('file:')) {
    return dirname(fileURLToPath(__NNLAB_MODULE_URL__));
  }
  return typeof __dirname === 'string' ? __dirname : undefined;
}

/** Walks up from `start` for a `data/SHA256SUMS`; returns that `data` folder or `undefined`. */
export function findVendorDirFrom(start: string): string | undefined {
  let dir = resolve(start);
  for (let i = 0; i < MAX_LEVELS; i++) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, VENDOR_MARKER))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

let cached: { value: string | undefined } | undefined;

/** The vendored `data/` folder of the nnlab checkout this module runs from, if any (memoised). */
export function defaultVendorDir(): string | undefined {
  if (!cached) {
    const starts = [moduleDir(), process.cwd()].filter((s): s is string => !!s);
    let value: string | undefined;
    for (const s of starts) if ((value = findVendorDirFrom(s))) break;
    cached = { value };
  }
  return cached.value;
}
