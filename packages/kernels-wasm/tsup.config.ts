import { defineConfig } from 'tsup';
import { libraryTsupConfig } from '../../tools/tsup-library';

// One browser-safe entry: the compiled kernels are embedded (src/generated/wasm-modules.ts).
export default defineConfig(libraryTsupConfig({ entry: { index: 'src/index.ts' } }));
