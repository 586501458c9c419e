/**
 * RMSprop exactly as Keras (and PyTorch) compute it:
 *   v ← ρ·v + (1 − ρ)·g²;   θ ← θ − η·g / (√v + ε)
 * (with momentum μ: m ← μ·m + η·g / (√v + ε); θ ← θ − m).
 * tfjs's own RMSProp divides by √(v + ε) instead, which with ε = 1e-7 shrinks the steps of
 * parameters whose gradients are small (|g| ≲ 1e-3) by up to an order of magnitude, and slows
 * the course's CNN noticeably. It also computes the running mean twice per step; this one does
 * the minimum of kernel work.
 */
import * as tf from '@tensorflow/tfjs';
import { RMSPROP_UPDATE, rmspropStep } from './kernels/rmsprop-update';
import { fusedKernelAvailable, gradientEntries, slot, type HostUpdatable, type HostUpdateRule, type NamedTensor } from './optimizer-state';

export class KerasRMSprop extends tf.Optimizer implements HostUpdatable {
  /** Name used by tfjs serialization. */
  static get className(): string {
    return 'KerasRMSprop';
  }

  private readonly meanSquares: tf.Variable[] = [];
  private readonly moments: tf.Variable[] = [];

  constructor(
    readonly learningRate: number,
    readonly rho: number,
    readonly momentum: number,
    readonly epsilon: number,
  ) {
    super();
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const fused = this.momentum === 0 && fusedKernelAvailable(RMSPROP_UPDATE);
    for (const { index: i, value, gradient } of gradientEntries(variableGradients)) {
      const ms = slot(this.meanSquares, i, value, 'rms');
      if (this.momentum > 0) slot(this.moments, i, value, 'momentum');
      if (fused) {
        // One fused kernel on wasm (kernels/rmsprop-update.ts) instead of nine element-wise ones.
        const [newValue, newMs] = tf.engine().runKernel(RMSPROP_UPDATE, { value, meanSquare: ms, gradient }, {
          learningRate: this.learningRate,
          rho: this.rho,
          epsilon: this.epsilon,
        }) as tf.Tensor[];
        ms.assign(newMs);
        value.assign(newValue);
        tf.dispose([newValue, newMs]);
        continue;
      }
      tf.tidy(() => {
        const newMs = tf.add(tf.mul(ms, this.rho), tf.mul(tf.square(gradient), 1 - this.rho));
        let step = tf.div(tf.mul(gradient, this.learningRate), tf.add(tf.sqrt(newMs), this.epsilon));
        if (this.momentum > 0) {
          const m = this.moments[i];
          step = tf.add(tf.mul(m, this.momentum), step);
          m.assign(step);
        }
        ms.assign(newMs);
        value.assign(tf.sub(value, step));
      });
    }
    this.incrementIterations();
  }

  /** The update for trainers that compute gradients themselves (none with momentum). */
  hostUpdateRule(): HostUpdateRule | null {
    if (this.momentum > 0) return null;
    const attrs = { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
    return {
      slots: (index, value) => [slot(this.meanSquares, index, value, 'rms')],
      beginStep: () => {},
      apply: (value, gradient, [meanSquare], outValue) => rmspropStep(value, meanSquare, gradient, outValue, meanSquare, attrs),
      endStep: () => this.incrementIterations(),
    };
  }

  override dispose(): void {
    tf.dispose(this.meanSquares);
    tf.dispose(this.moments);
    this.meanSquares.length = 0;
    this.moments.length = 0;
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const state = [...this.meanSquares, ...this.moments];
    return [await this.saveIterations(), ...state.map((v) => ({ name: v.name, tensor: v }))];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const n = this.momentum > 0 ? rest.length / 2 : rest.length;
    rest.forEach((w, i) => {
      const v = w.tensor.variable(false);
      if (i < n) this.meanSquares[i] = v;
      else this.moments[i - n] = v;
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, momentum: this.momentum, epsilon: this.epsilon };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(cls: tf.serialization.SerializableConstructor<T>, config: tf.serialization.ConfigDict): T {
    return new cls(config.learningRate, config.rho, config.momentum, config.epsilon);
  }
}

tf.serialization.registerClass(KerasRMSprop);
