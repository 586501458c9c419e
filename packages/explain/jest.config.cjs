module.exports = { ...require('../../jest.preset.cjs'), displayName: 'explain', rootDir: __dirname };
