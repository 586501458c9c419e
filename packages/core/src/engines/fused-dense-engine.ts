/**
 * The fused-dense engine: stacks of Dense layers trained by nnlab's fused dense trainer on the
 * wasm heap (engines/fused-dense/), one pass per step instead of ~100 tfjs kernels.
 */
import { BatchBuffers, countHits } from './batch-buffers';
import type { EngineFactory, TrainingEngine } from './engine';
import { fusedDenseTrainerOrReason, type FusedDenseTrainer } from './fused-dense/trainer';

export const fusedDenseEngine: EngineFactory = {
  name: 'fused-dense',
  plan(request) {
    const trainer = fusedDenseTrainerOrReason(request.model, request.optimizer, request.loss, Math.min(request.maxBatch, request.train.size));
    if (typeof trainer === 'string') return trainer;
    return new FusedDenseEngine(trainer, new BatchBuffers(request.train, request.maxBatch, request.classWeight));
  },
};

class FusedDenseEngine implements TrainingEngine {
  readonly info = { name: 'fused-dense' as const };

  constructor(
    private readonly trainer: FusedDenseTrainer,
    private readonly buffers: BatchBuffers,
  ) {}

  async step(indices: Int32Array): Promise<{ loss: number; hits: number }> {
    const b = this.buffers;
    const n = indices.length;
    await b.read(indices);
    const loss = this.trainer.step(b.x, b.y, b.weighted ? b.w : undefined, n, b.p);
    return { loss, hits: countHits(b.y, b.p, n, b.targetSize) };
  }

  sync(): void {}

  dispose(): void {
    this.trainer.dispose();
  }
}
