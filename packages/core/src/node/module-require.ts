/**
 * A `require` that resolves packages from this module's own location, in every form the code runs
 * in: the ESM build (tsup defines `__NNLAB_MODULE_URL__` as `import.meta.url`), the CJS build and
 * jest (`__filename`). Resolving from the working directory instead would make a CLI started from
 * another folder miss packages installed beside nnlab (and silently fall back to another backend).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** `import.meta.url` in the ESM build (see tools/tsup-library.ts); not defined elsewhere. */
declare const __NNLAB_MODULE_URL__: string | undefined;

/** `require` relative to this package (the working directory only where neither is known). */
export function moduleRequire(): NodeJS.Require {
  if (typeof __NNLAB_MODULE_URL__ === 'string' && __NNLAB_MODULE_URL__.startsWith('file:')) return createRequire(__NNLAB_MODULE_URL__);
  if (typeof __filename === 'string') return createRequire(__filename);
  return createRequire(join(process.cwd(), 'noop.js'));
}
