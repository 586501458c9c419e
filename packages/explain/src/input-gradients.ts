/**
 * ∂(class score)/∂(input) for a batch of inputs in one backward pass — the gradient every
 * saliency method is built from. Rows do not interact (no batch statistics in inference), so the
 * gradient of the summed scores is each row's own gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { classScore, type LayerChain } from './model-graph';

/** Gradients ([batch × sample size], row-major) and scores ([batch]) of class `cls`. */
export async function inputGradients(chain: LayerChain, xs: tf.Tensor, cls: number): Promise<{ grads: Float32Array; scores: Float32Array }> {
  const [g, s] = tf.tidy(() => {
    let scores: tf.Tensor | undefined;
    const f = (x: tf.Tensor) => {
      const per = classScore(chain, x, 0, cls);
      scores = tf.keep(per.clone());
      return tf.sum(per) as tf.Scalar;
    };
    const grad = tf.grad(f)(xs);
    return [grad, scores as tf.Tensor];
  });
  const grads = (await g.data()) as Float32Array;
  const scores = (await s.data()) as Float32Array;
  tf.dispose([g, s]);
  return { grads, scores };
}
