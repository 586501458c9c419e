// Where the worker module of hogBatchParallel is: next to this code in the package's build
// (dist/hog-worker.js for the ESM build, .cjs for CommonJS), or — running from the sources, as the
// tests do — in the package's dist/ (build @nnlab/features-hog first).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HogError } from '../errors';

/** `import.meta.url` in the ESM build (see tools/tsup-library.ts); not defined elsewhere. */
declare const __NNLAB_MODULE_URL__: string | undefined;

/** The worker module's path; throws when the package has not been built. */
export function hogWorkerFile(): string {
  const esm = typeof __NNLAB_MODULE_URL__ === 'string' && __NNLAB_MODULE_URL__.startsWith('file:');
  const here = esm ? dirname(fileURLToPath(__NNLAB_MODULE_URL__ as string)) : typeof __dirname === 'string' ? __dirname : undefined;
  if (!here) throw new HogError('hogBatchParallel: cannot locate its worker module (no module URL or __dirname)');
  const candidates = [join(here, esm ? 'hog-worker.js' : 'hog-worker.cjs'), join(here, '..', '..', 'dist', 'hog-worker.cjs')];
  const found = candidates.find((file) => existsSync(file));
  if (!found) {
    throw new HogError(`hogBatchParallel: worker module not found (looked for ${candidates.join(', ')}); build @nnlab/features-hog`);
  }
  return found;
}
