/**
 * Batches for the engines that train from JavaScript arrays (tfjs, fused-dense): buffers reused
 * across steps, per-sample class weights, and accuracy counted from the step's predictions.
 */
import { shapeSize, type Dataset } from '../dataset';

export class BatchBuffers {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly w: Float32Array;
  readonly p: Float32Array;
  readonly targetSize: number;

  constructor(
    private readonly data: Dataset,
    maxBatch: number,
    private readonly classWeight?: readonly number[],
  ) {
    const n = Math.min(maxBatch, data.size);
    this.targetSize = shapeSize(data.targetShape);
    this.x = new Float32Array(n * shapeSize(data.sampleShape));
    this.y = new Float32Array(n * this.targetSize);
    this.w = new Float32Array(n);
    this.p = new Float32Array(n * this.targetSize);
  }

  /** Whether samples carry class weights (in `w` after `read`). */
  get weighted(): boolean {
    return !!this.classWeight;
  }

  /** Reads samples `indices` into x, y (and w). */
  async read(indices: Int32Array): Promise<void> {
    await this.data.read(indices, this.x, this.y);
    if (this.classWeight) fillSampleWeights(this.y, indices.length, this.targetSize, this.classWeight, this.w);
  }
}

/** w[i] = classWeight[label of sample i] (argmax, or threshold 0.5 for one output). */
export function fillSampleWeights(y: Float32Array, n: number, targetSize: number, classWeight: readonly number[], w: Float32Array): void {
  for (let i = 0; i < n; i++) {
    let label = 0;
    if (targetSize === 1) label = y[i] >= 0.5 ? 1 : 0;
    else {
      let best = y[i * targetSize];
      for (let k = 1; k < targetSize; k++) {
        if (y[i * targetSize + k] > best) {
          best = y[i * targetSize + k];
          label = k;
        }
      }
    }
    w[i] = classWeight[label];
  }
}

/**
 * Correct predictions in a batch, counted in JS from the outputs the step already computed (one
 * read of batch × classes floats instead of five more kernels per step).
 */
export function countHits(y: Float32Array, p: Float32Array, n: number, targetSize: number): number {
  let hits = 0;
  if (targetSize === 1) {
    for (let i = 0; i < n; i++) if (p[i] >= 0.5 === y[i] >= 0.5) hits++;
    return hits;
  }
  for (let i = 0; i < n; i++) {
    const o = i * targetSize;
    let bp = 0;
    let by = 0;
    for (let k = 1; k < targetSize; k++) {
      if (p[o + k] > p[o + bp]) bp = k;
      if (y[o + k] > y[o + by]) by = k;
    }
    if (bp === by) hits++;
  }
  return hits;
}
