/**
 * @nnlab/experiments/node — Node-only parts of the pipeline: the file data source, HOG on all
 * cores with a disk cache, and run records on disk.
 */

// Data from files
export { nodeDataSource } from './node/node-data-source';
export type { NodeDataSourceOptions } from './node/node-data-source';

// HOG features on all cores, cached
export { cachedHogFeatures, featureCacheDir } from './node/hog-feature-cache';

// Run records on disk
export { DEFAULT_RUNS_DIR, fileRunStore, listRuns, loadRunRecord, resolveRunsDir, runDir, saveRunRecord } from './node/run-store';
export type { ListedRun, RunListProblem } from './node/run-store';
export { MAX_RUN_RECORD_BYTES, RunRecordError, loadRunRecordFile, readRunRecordFile } from './node/run-record-file';
