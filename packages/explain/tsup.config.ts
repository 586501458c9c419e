import { defineConfig } from 'tsup';
import { libraryTsupConfig } from '../../tools/tsup-library';

// Browser-safe only: no Node entry (PNG files are written by the hosts with features-hog/node).
export default defineConfig(libraryTsupConfig({ entry: { index: 'src/index.ts' } }));
