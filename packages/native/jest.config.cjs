module.exports = { ...require('../../jest.preset.cjs'), displayName: 'native', rootDir: __dirname };
