/**
 * @nnlab/native — nnlab's native CPU engine (a Node-API addon over oneDNN). This entry is
 * browser-safe: the planner that turns a tfjs model into the addon's description. The engine
 * itself, and its registration into @nnlab/core, are in `@nnlab/native/node`.
 */

// Planning (tfjs model / optimizer → the addon's plain descriptions)
export { planNativeModel } from './plan';
export type { NativeLayerDesc, NativeModelPlan } from './plan';
export { describeOptimizer } from './optimizer-desc';
export type { NativeOptimizerDesc } from './optimizer-desc';
