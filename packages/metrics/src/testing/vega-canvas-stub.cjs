// Test-only stand-in for vega-canvas, whose Node build uses top-level await (not loadable by jest's
// CommonJS runtime). It behaves as vega-canvas does in Node when the optional `canvas` package is
// absent, which is nnlab's case: no canvas, so vega measures text by estimation.
module.exports = { canvas: () => null, image: () => null };
