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
});
