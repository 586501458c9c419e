/**
 * RMSprop exactly as Keras computes it (`keras.optimizers.RMSprop.update_step`):
 *   v ← ρ·v + (1 − ρ)·g²;   θ ← θ − η·g / √(v + ε)
 * centered: ḡ ← ρ·ḡ + (1 − ρ)·g and the denominator is √(v − ḡ² + ε);
 * momentum μ > 0: m ← μ·m + η·g / √(…);  θ ← θ − m.
 * (PyTorch puts ε outside the root, √v + ε; Keras and TensorFlow's ApplyRMSProp put it inside.)
 * Without momentum and centering, each variable's step on wasm is one fused kernel
 * (@nnlab/kernels-wasm, rmsprop-update.ts); the other settings take the op-by-op path on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { RMSPROP_UPDATE, rmspropStep } from '@nnlab/kernels-wasm';
import { fusedKernelAvailable, gradientEntries, slot, type HostUpdatable, type HostUpdateRule, type NamedTensor } from './optimizer-state';

export class KerasRMSprop extends tf.Optimizer implements HostUpdatable {
  /** Name used by tfjs serialization. */
  static get className(): string {
    return 'KerasRMSprop';
  }

  private readonly meanSquares: tf.Variable[] = [];
  private readonly moments: tf.Variable[] = [];
  private readonly meanGradients: tf.Variable[] = [];

  constructor(
    readonly learningRate: number,
    readonly rho: number,
    readonly momentum: number,
    readonly epsilon: number,
    readonly centered = false,
  ) {
    super();
  }

  /** True when the settings are the plain rule the fused kernel and the host rule compute. */
  private get plain(): boolean {
    return this.momentum === 0 && !this.centered;
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const fused = this.plain && fusedKernelAvailable(RMSPROP_UPDATE);
    for (const { index: i, value, gradient } of gradientEntries(variableGradients)) {
      const ms = slot(this.meanSquares, i, value, 'rms');
      if (this.momentum > 0) slot(this.moments, i, value, 'momentum');
      if (this.centered) slot(this.meanGradients, i, value, 'mg');
      if (fused) {
        // One fused kernel on wasm (@nnlab/kernels-wasm) instead of nine element-wise ones.
        const [newValue, newMs] = tf.engine().runKernel(
          RMSPROP_UPDATE,
          { value, meanSquare: ms, gradient },
          {
            learningRate: this.learningRate,
            rho: this.rho,
            epsilon: this.epsilon,
          },
        ) as tf.Tensor[];
        ms.assign(newMs);
        value.assign(newValue);
        tf.dispose([newValue, newMs]);
        continue;
      }
      tf.tidy(() => {
        const newMs = tf.add(tf.mul(ms, this.rho), tf.mul(tf.square(gradient), 1 - this.rho));
        let denominator = newMs;
        if (this.centered) {
          const mg = this.meanGradients[i];
          const newMg = tf.add(tf.mul(mg, this.rho), tf.mul(gradient, 1 - this.rho));
          mg.assign(newMg);
          denominator = tf.sub(newMs, tf.square(newMg));
        }
        let step = tf.div(tf.mul(gradient, this.learningRate), tf.sqrt(tf.add(denominator, this.epsilon)));
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

  /** The update for trainers that compute gradients themselves (null with momentum or centering). */
  hostUpdateRule(): HostUpdateRule | null {
    if (!this.plain) return null;
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
    tf.dispose(this.meanGradients);
    this.meanSquares.length = 0;
    this.moments.length = 0;
    this.meanGradients.length = 0;
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const state = [...this.meanSquares, ...this.moments, ...this.meanGradients];
    return [await this.saveIterations(), ...state.map((v) => ({ name: v.name, tensor: v }))];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const groups = [this.meanSquares, ...(this.momentum > 0 ? [this.moments] : []), ...(this.centered ? [this.meanGradients] : [])];
    const n = rest.length / groups.length;
    rest.forEach((w, i) => {
      groups[Math.floor(i / n)][i % n] = w.tensor.variable(false);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.rho, config.momentum, config.epsilon, config.centered ?? false);
  }
}

tf.serialization.registerClass(KerasRMSprop);
