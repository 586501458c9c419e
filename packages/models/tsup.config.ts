import { defineConfig } from 'tsup';
import { libraryTsupConfig } from '../../tools/tsup-library';

// Browser-safe only: the models package has no Node entry.
export default defineConfig(libraryTsupConfig({ entry: { index: 'src/index.ts' } }));
