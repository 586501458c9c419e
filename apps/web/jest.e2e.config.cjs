// Browser end-to-end tests of the BUILT app (nx runs `build` first): Chromium through
// playwright-core, one test file at a time (they are CPU-heavy; SwiftShader renders WebGL/WebGPU).
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'web-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e.test.ts'],
  testTimeout: 180000,
  slowTestThreshold: 60,
};
