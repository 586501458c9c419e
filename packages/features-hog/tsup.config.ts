import { defineConfig } from 'tsup';
import { libraryTsupConfig } from '../../tools/tsup-library';

// hog-worker: the worker thread module of hogBatchParallel (./node), loaded by file name.
export default defineConfig(libraryTsupConfig({ entry: { index: 'src/index.ts', node: 'src/node.ts', 'hog-worker': 'src/node/hog-worker.ts' } }));
