/**
 * @nnlab/experiments/node — Node-only parts of the pipeline: run records on disk.
 */

// Run records on disk
export { DEFAULT_RUNS_DIR, listRuns, loadRunRecord, resolveRunsDir, runDir, saveRunRecord } from './node/run-store';
export type { ListedRun, RunListProblem } from './node/run-store';
