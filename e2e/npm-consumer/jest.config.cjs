module.exports = { ...require('../../jest.preset.cjs'), displayName: 'npm-consumer', rootDir: __dirname, testTimeout: 600000 };
