import { defineConfig } from 'tsup';

export default defineConfig({
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
  // src/node/find-vendor-dir.ts locates the vendored data/ from its own file: `import.meta.url` in
  // the ESM build, `__dirname` in the CJS build (and in jest). A define (rather than tsup's shims,
  // which would land in the chunk shared with the browser-safe entry) keeps Node imports out of it.
  esbuildOptions(options, context) {
    options.define = {
      ...options.define,
      __NNLAB_MODULE_URL__: context.format === 'esm' ? 'import.meta.url' : 'undefined',
    };
  },
});
