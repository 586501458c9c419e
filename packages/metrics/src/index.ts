// @nnlab/metrics
export { accuracy } from './accuracy';
