/**
 * Adam as Keras computes it:
 *   m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²;
 *   α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ);   θ ← θ − α·m / (√v + ε)
 * (tfjs's own Adam adds ε to the bias-corrected √v̂ instead, a slightly different ε). On wasm
 * each variable's step is one fused kernel (kernels/adam-update.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE } from './kernels/adam-update';

/** A tensor with a name (tfjs' NamedTensor, not exported by the tfjs umbrella package). */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

function fusedUpdateAvailable(): boolean {
  const backend = tf.getBackend();
  return backend === 'wasm' && tf.getKernel(ADAM_UPDATE, backend) !== undefined;
}

export class KerasAdam extends tf.Optimizer {
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

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const entries: [string, tf.Tensor | undefined][] = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor])
      : Object.entries(variableGradients);
    const variables = tf.engine().registeredVariables;
    const t = this.iterations + 1;
    const alpha = (this.learningRate * Math.sqrt(1 - Math.pow(this.beta2, t))) / (1 - Math.pow(this.beta1, t));
    const fused = fusedUpdateAvailable();
    entries.forEach(([name, gradient], i) => {
      const value = variables[name];
      if (!gradient || !value) return;
      this.firstMoments[i] ??= tf.tidy(() => tf.zerosLike(value).variable(false, `${name}/m`));
      this.secondMoments[i] ??= tf.tidy(() => tf.zerosLike(value).variable(false, `${name}/v`));
      const m = this.firstMoments[i];
      const v = this.secondMoments[i];
      if (fused) {
        const [newValue, newM, newV] = tf.engine().runKernel(ADAM_UPDATE, { value, m, v, gradient }, {
          alpha,
          beta1: this.beta1,
          beta2: this.beta2,
          epsilon: this.epsilon,
        }) as tf.Tensor[];
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
        tf.dispose([newValue, newM, newV]);
        return;
      }
      tf.tidy(() => {
        const newM = tf.add(tf.mul(m, this.beta1), tf.mul(gradient, 1 - this.beta1));
        const newV = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2));
        m.assign(newM);
        v.assign(newV);
        value.assign(tf.sub(value, tf.div(tf.mul(newM, alpha), tf.add(tf.sqrt(newV), this.epsilon))));
      });
    });
    this.incrementIterations();
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

  static override fromConfig<T extends tf.serialization.Serializable>(cls: tf.serialization.SerializableConstructor<T>, config: tf.serialization.ConfigDict): T {
    return new cls(config.learningRate, config.beta1, config.beta2, config.epsilon);
  }
}

tf.serialization.registerClass(KerasAdam);
