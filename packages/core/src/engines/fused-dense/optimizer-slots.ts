/**
 * The optimizer's arithmetic inside the fused dense trainer: the optimizer's own float32 host
 * rule applied to heap views, and slots that the trainer may update in place.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { HostUpdateRule } from '../../optimizer-state';
import { f32View } from '@nnlab/kernels-wasm';

/** The optimizer's slots of one variable, each the sole owner of its data (updated in place). */
export function ownSlots(backend: BackendWasm, rule: HostUpdateRule, index: number, variable: tf.Variable): tf.Variable[] {
  return rule.slots(index, variable).map((s) => {
    if (backend.refCount(s.dataId) > 1) {
      const copy = tf.tensor(s.dataSync(), s.shape, 'float32');
      s.assign(copy);
      copy.dispose();
    }
    return s;
  });
}

/** One variable's update: `fresh` ← rule(variable, gradient), slots updated in place. */
export function applyRule(
  backend: BackendWasm,
  rule: HostUpdateRule,
  slots: tf.Variable[],
  variable: tf.Variable,
  gradient: Float32Array,
  fresh: tf.TensorInfo,
): void {
  const slotViews = slots.map((s) => f32View(backend, s));
  rule.apply(f32View(backend, variable), gradient, slotViews, f32View(backend, fresh));
}
