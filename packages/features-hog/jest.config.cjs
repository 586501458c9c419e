module.exports = { ...require('../../jest.preset.cjs'), displayName: 'features-hog', rootDir: __dirname };
