import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts', 'webgpu-env': 'src/webgpu-env.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  tsconfig: 'tsconfig.build.json',
  external: [/^@nnlab\//, /^@tensorflow\//, 'commander', 'webgpu', 'sharp'],
});
