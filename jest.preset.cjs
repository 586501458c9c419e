// Shared jest settings: TypeScript through SWC, @nnlab/* resolved to sources so tests never
// depend on a stale build.
const path = require('node:path');

const root = __dirname;
const pkgs = ['kernels-wasm', 'core', 'datasets', 'features-hog', 'metrics', 'models', 'experiments', 'explain', 'native'];
const moduleNameMapper = {};
for (const p of pkgs) {
  moduleNameMapper[`^@nnlab/${p}$`] = path.join(root, 'packages', p, 'src', 'index.ts');
  moduleNameMapper[`^@nnlab/${p}/node$`] = path.join(root, 'packages', p, 'src', 'node.ts');
}
// Test helpers of the wasm kernels (tests of core's optimizers and engines use them too).
moduleNameMapper['^@nnlab/kernels-wasm/testing$'] = path.join(root, 'packages', 'kernels-wasm', 'src', 'testing', 'test-support.ts');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$|^.+\\.mjs$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'node'],
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  moduleNameMapper,
  testTimeout: 60000,
  setupFiles: [path.join(root, 'jest.setup.cjs')],
};
