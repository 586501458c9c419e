module.exports = { ...require('../../jest.preset.cjs'), displayName: 'kernels-wasm', rootDir: __dirname };
