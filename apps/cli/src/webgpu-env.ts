/** Separate tiny entry for the bin: the environment Dawn needs (re-exported from core). */
export { webgpuNodeEnv } from '@nnlab/core/node';
