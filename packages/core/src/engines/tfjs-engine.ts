/**
 * The tfjs engine: tfjs' op-by-op autodiff on the active backend (`optimizer.minimize` over the
 * model's forward pass and the loss). Takes every model; the rule's last resort.
 */
import * as tf from '@tensorflow/tfjs';
import { shapeSize } from '../dataset';
import { getLoss } from '../losses';
import { BatchBuffers, countHits } from './batch-buffers';
import type { EngineFactory, TrainRequest, TrainingEngine } from './engine';

export const tfjsEngine: EngineFactory = {
  name: 'tfjs',
  plan: (request) => new TfjsEngine(request),
};

class TfjsEngine implements TrainingEngine {
  readonly info = { name: 'tfjs' as const };
  private readonly buffers: BatchBuffers;
  private readonly vars: tf.Variable[];
  private readonly lossFn: (y: tf.Tensor, p: tf.Tensor) => tf.Tensor1D;

  constructor(private readonly request: TrainRequest) {
    this.buffers = new BatchBuffers(request.train, request.maxBatch, request.classWeight);
    this.vars = request.model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.lossFn = getLoss(request.loss);
  }

  async step(indices: Int32Array): Promise<{ loss: number; hits: number }> {
    const b = this.buffers;
    const n = indices.length;
    await b.read(indices);
    const [lossT, predT] = this.trainStep(n);
    const [lv, pv] = await Promise.all([lossT.data(), predT.data()]);
    lossT.dispose();
    predT.dispose();
    return { loss: lv[0], hits: countHits(b.y, pv as Float32Array, n, b.targetSize) };
  }

  sync(): void {}

  dispose(): void {}

  /** One optimizer step; returns the batch loss (weighted mean) and the batch's predictions. */
  private trainStep(n: number): [tf.Scalar, tf.Tensor] {
    const { model, optimizer, train } = this.request;
    const b = this.buffers;
    return tf.tidy(() => {
      const x = tf.tensor(b.x.subarray(0, n * shapeSize(train.sampleShape)), [n, ...train.sampleShape]);
      const y = tf.tensor(b.y.subarray(0, n * b.targetSize), [n, b.targetSize]);
      const w = b.weighted ? tf.tensor1d(b.w.subarray(0, n)) : undefined;
      let pred: tf.Tensor | undefined;
      const loss = optimizer.minimize(
        () => {
          const p = model.apply(x, { training: true }) as tf.Tensor;
          pred = tf.keep(p);
          const perSample = this.lossFn(y, p);
          return (w ? tf.mean(tf.mul(perSample, w)) : tf.mean(perSample)) as tf.Scalar;
        },
        true,
        this.vars,
      ) as tf.Scalar;
      return [loss, pred!];
    });
  }
}
