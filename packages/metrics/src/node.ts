// Node-only helpers of @nnlab/metrics.
export {};
