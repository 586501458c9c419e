/**
 * The build every @nnlab library package shares: ESM + CJS + .d.ts for a browser-safe main entry
 * (`src/index.ts`) and a Node entry (`src/node.ts`).
 */
import type { Options } from 'tsup';

export function libraryTsupConfig(extra: Partial<Options> = {}): Options {
  return {
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    // Shared chunks for both formats: the node entry must share module state (e.g. the backend
    // registry) with the main entry, in CommonJS too.
    splitting: true,
    target: 'es2022',
    tsconfig: 'tsconfig.build.json',
    external: [/^@nnlab\//, /^@tensorflow\//],
    // Code that must know its own file (src/node/find-vendor-dir.ts in datasets) reads
    // `__NNLAB_MODULE_URL__`: `import.meta.url` in the ESM build, undefined in CJS (which has
    // __dirname). A define, unlike tsup's shims, keeps Node imports out of chunks shared with the
    // browser-safe entry.
    esbuildOptions(options, context) {
      options.define = { ...options.define, __NNLAB_MODULE_URL__: context.format === 'esm' ? 'import.meta.url' : 'undefined' };
    },
    ...extra,
  };
}
