// Node-only helpers of @nnlab/metrics. There are none yet: every metric and chart builder is
// browser-safe and exported from the main entry. This module stays valid so `@nnlab/metrics/node`
// resolves.
export {};
