/**
 * Vite config of the nnlab web app. `@nnlab/*` resolve to the packages' sources (never a stale
 * build), tfjs is deduplicated to one instance, and the datasets and tfjs wasm binaries are served
 * as the app's own static files (see `vite/static-files.ts`).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { staticFilesPlugin } from './vite/static-files.ts';

const appDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(appDir, '../..');
const NNLAB_PACKAGES = ['core', 'datasets', 'features-hog', 'metrics', 'models', 'experiments'];
const TFJS_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-data',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
];

export default defineConfig({
  // Relative base: the built app works from any folder of a static host.
  base: './',
  resolve: {
    alias: NNLAB_PACKAGES.map((p) => ({
      find: new RegExp(`^@nnlab/${p}$`),
      replacement: resolve(repoRoot, 'packages', p, 'src', 'index.ts'),
    })),
    dedupe: TFJS_PACKAGES,
  },
  optimizeDeps: {
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu', 'fflate', 'vega-embed'],
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [repoRoot] },
  },
  preview: {
    host: '127.0.0.1',
  },
  // The training worker is an ES module (it imports backends on demand, as the page does).
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // tfjs and vega are large single libraries; the app loads them once.
    chunkSizeWarningLimit: 4096,
  },
  plugins: [
    staticFilesPlugin({
      dataDir: resolve(repoRoot, 'data'),
      dataFolders: { mnist: ['.gz'], pneumoniamnist: ['.npz'] },
      wasmPackageDir: resolve(repoRoot, 'node_modules/@tensorflow/tfjs-backend-wasm'),
    }),
  ],
});
