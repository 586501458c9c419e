/**
 * @nnlab/core/node — Node-only parts of @nnlab/core: backend loaders for Node (wasm, cpu,
 * webgpu through Dawn, tensorflow through the optional @tensorflow/tfjs-node), atomic file writes,
 * and model folders on disk.
 */

// Backends in Node
export { registerNodeBackends } from './node/node-backends';
export type { NodeBackendOptions } from './node/node-backends';
export { CHROMIUM_LIB_DIR, webgpuNodeEnv, webgpuNodeEnvProblem } from './node/webgpu-node-env';

// wasm multithreading in Node
export { MAX_WASM_THREADS, defaultWasmThreads, enableWasmThreadsInNode } from './node/wasm-threads';
export type { WasmThreadsOptions, WasmThreadsSetup } from './node/wasm-threads';

// Atomic writes
export { ensureWritableDir, writeDirAtomic, writeFileAtomic, writeJsonAtomic } from './node/atomic-write';

// Model folders (model.json + weights.bin)
export { loadModelFromDir, modelFolderHandler, saveModelToDir, saveModelToNewDir } from './node/model-folder';

// Reading files named by users or by other files (regular files only, bounded, inside their folder)
export { formatBytes, insideFolder, readRegularFile, statOrFail } from './node/regular-file';
export type { FileProblem, FileProblemKind, ReadLimits } from './node/regular-file';
