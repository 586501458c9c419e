// Unit tests of the app's DOM-free modules (settings parsing, luma, zoo recognition…).
module.exports = { ...require('../../jest.preset.cjs'), displayName: 'web', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.test.ts'] };
