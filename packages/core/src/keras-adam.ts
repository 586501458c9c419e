/**
 * Adam as Keras computes it:
 *   m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²;
 *   α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ);   θ ← θ − α·m / (√v + ε)
 * (tfjs's own Adam adds ε to the bias-corrected √v̂ instead, a slightly different ε). On wasm
 * each variable's step is one fused kernel (@nnlab/kernels-wasm, adam-update.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, adamStep, type AdamUpdateAttrs } from '@nnlab/kernels-wasm';
import { fusedKernelAvailable, gradientEntries, slot, type HostUpdatable, type HostUpdateRule, type NamedTensor } from './optimizer-state';

export class KerasAdam extends tf.Optimizer implements HostUpdatable {
  /** Name used by tfjs serialization. */
  static get className(): string {
    return 'KerasAdam';
  }

  private readonly firstMoments: tf.Variable[] = [];
  private readonly secondMoments: tf.Variable[] = [];

  constructor(
    readonly learningRate: number,
    readonly beta1: number,
    readonly beta2: number,
    readonly epsilon: number,
  ) {
    super();
  }

  /** η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) for the coming step t. */
  private stepSize(): number {
    const t = this.iterations + 1;
    return (this.learningRate * Math.sqrt(1 - Math.pow(this.beta2, t))) / (1 - Math.pow(this.beta1, t));
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const alpha = this.stepSize();
    const fused = fusedKernelAvailable(ADAM_UPDATE);
    for (const { index: i, value, gradient } of gradientEntries(variableGradients)) {
      const m = slot(this.firstMoments, i, value, 'm');
      const v = slot(this.secondMoments, i, value, 'v');
      if (fused) {
        const [newValue, newM, newV] = tf.engine().runKernel(
          ADAM_UPDATE,
          { value, m, v, gradient },
          {
            alpha,
            beta1: this.beta1,
            beta2: this.beta2,
            epsilon: this.epsilon,
          },
        ) as tf.Tensor[];
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
        tf.dispose([newValue, newM, newV]);
        continue;
      }
      tf.tidy(() => {
        const newM = tf.add(tf.mul(m, this.beta1), tf.mul(gradient, 1 - this.beta1));
        const newV = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2));
        m.assign(newM);
        v.assign(newV);
        value.assign(tf.sub(value, tf.div(tf.mul(newM, alpha), tf.add(tf.sqrt(newV), this.epsilon))));
      });
    }
    this.incrementIterations();
  }

  /** The update for trainers that compute gradients themselves. */
  hostUpdateRule(): HostUpdateRule {
    const attrs: AdamUpdateAttrs = { alpha: 0, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
    return {
      slots: (index, value) => [slot(this.firstMoments, index, value, 'm'), slot(this.secondMoments, index, value, 'v')],
      beginStep: () => {
        attrs.alpha = this.stepSize();
      },
      apply: (value, gradient, [m, v], outValue) => adamStep(value, m, v, gradient, outValue, m, v, attrs),
      endStep: () => this.incrementIterations(),
    };
  }

  override dispose(): void {
    tf.dispose(this.firstMoments);
    tf.dispose(this.secondMoments);
    this.firstMoments.length = 0;
    this.secondMoments.length = 0;
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const state = [...this.firstMoments, ...this.secondMoments];
    return [await this.saveIterations(), ...state.map((w) => ({ name: w.name, tensor: w }))];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const n = rest.length / 2;
    rest.forEach((w, i) => {
      const variable = w.tensor.variable(false);
      if (i < n) this.firstMoments[i] = variable;
      else this.secondMoments[i - n] = variable;
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.beta1, config.beta2, config.epsilon);
  }
}

tf.serialization.registerClass(KerasAdam);
