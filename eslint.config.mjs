// Lint rules for the whole workspace. The architecture rule lives here: dependencies flow one way,
// kernels-wasm (the lowest layer, tfjs only) <-
// core <- datasets / features-hog / metrics <- models <- experiments <- apps, and universal (browser-safe)
// library code never imports Node built-ins outside its `node` entry.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

const nodeBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'zlib',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'url',
  'worker_threads',
  'stream',
  'util',
  'module',
  'net',
].flatMap((m) => [m, `node:${m}`]);
// npm packages that only work in Node: allowed in `node` entries, banned in browser-safe code.
const nodeOnlyPackages = ['sharp', 'webgpu', 'commander', '@tensorflow/tfjs-node'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'packages/kernels-wasm/assembly/**', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'layer:kernels', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'layer:core', onlyDependOnLibsWithTags: ['layer:kernels'] },
            { sourceTag: 'layer:feature', onlyDependOnLibsWithTags: ['layer:kernels', 'layer:core'] },
            { sourceTag: 'layer:model', onlyDependOnLibsWithTags: ['layer:kernels', 'layer:core', 'layer:feature'] },
            { sourceTag: 'layer:engine', onlyDependOnLibsWithTags: ['layer:kernels', 'layer:core'] },
            { sourceTag: 'layer:pipeline', onlyDependOnLibsWithTags: ['layer:kernels', 'layer:core', 'layer:feature', 'layer:model', 'layer:engine'] },
            {
              sourceTag: 'layer:app',
              onlyDependOnLibsWithTags: ['layer:kernels', 'layer:core', 'layer:feature', 'layer:model', 'layer:pipeline', 'layer:engine'],
            },
          ],
        },
      ],
    },
  },
  {
    // Browser-safe sources of library packages: no Node built-ins outside node entry files.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/*/src/node.ts', 'packages/*/src/node/**', 'packages/*/src/**/*.test.ts', 'packages/*/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({ name, message: "Node-only: move this behind the package's ./node entry." })),
        },
      ],
    },
  },
);
