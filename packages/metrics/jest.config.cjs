const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'metrics',
  rootDir: __dirname,
  // vega 6 and its d3 dependencies are ES modules only: let SWC transform them for jest.
  moduleNameMapper: { ...preset.moduleNameMapper, '^vega-canvas$': '<rootDir>/src/testing/vega-canvas-stub.cjs' },
  transformIgnorePatterns: [
    '/node_modules/(?!(vega|vega-[^/]+|d3-[^/]+|internmap|delaunator|robust-predicates|topojson-client|json-stringify-pretty-compact)/)',
  ],
};
