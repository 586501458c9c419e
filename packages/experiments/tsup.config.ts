import { defineConfig } from 'tsup';
import { libraryTsupConfig } from '../../tools/tsup-library';

export default defineConfig(libraryTsupConfig());
