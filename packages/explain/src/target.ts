/**
 * What every method starts with: the input checked against the model's input shape, the model's
 * prediction, and the class to explain — the predicted one unless the caller names another, and
 * always reported, so an explanation never silently answers a different question.
 */
import * as tf from '@tensorflow/tfjs';
import { ExplainInputError } from './errors';
import { argmax, layerChain, probabilitiesOf, type LayerChain } from './model-graph';

/** One input sample: flat values in the model's input order, or a tensor of the sample's shape. */
export type ExplainInput = ArrayLike<number> | tf.Tensor;

/** Options every method takes. */
export interface TargetOptions {
  /** Class to explain. Default: the predicted class. Binary models: 0 or 1. */
  classIndex?: number;
}

/** What the methods report about the class they explained. */
export interface ExplainedClass {
  /** Class explained. */
  classIndex: number;
  /** Predicted class (argmax; binary: p ≥ 0.5). */
  predicted: number;
  /** True when the caller chose `classIndex`, false when it is the prediction. */
  requested: boolean;
  /** Class probabilities (binary: [1 − p, p]). */
  probabilities: number[];
  /** 'logit': gradients of the pre-softmax/sigmoid score; 'output': of the model's output. */
  scoreKind: LayerChain['scoreKind'];
}

/** A checked request: the chain, the batch-of-one input tensor (caller disposes) and the class. */
export interface Target extends ExplainedClass {
  chain: LayerChain;
  x: tf.Tensor;
}

function checkedInput(chain: LayerChain, input: ExplainInput): tf.Tensor {
  const shape = chain.inputShape;
  const size = shape.reduce((a, b) => a * b, 1);
  if (input instanceof tf.Tensor) {
    const got = input.shape[0] === 1 && input.rank === shape.length + 1 ? input.shape.slice(1) : input.shape;
    if (got.length !== shape.length || got.some((d, i) => d !== shape[i])) {
      throw new ExplainInputError(`input of shape [${input.shape.join(', ')}] does not fit the model's input [${shape.join(', ')}]`);
    }
    return tf.reshape(input, [1, ...shape]);
  }
  if (input.length !== size) {
    throw new ExplainInputError(`input has ${input.length} values; the model takes [${shape.join(', ')}] = ${size}`);
  }
  for (let i = 0; i < input.length; i++) {
    if (!Number.isFinite(input[i])) throw new ExplainInputError(`input value ${i} is ${input[i]}, not a finite number`);
  }
  return tf.tensor(Float32Array.from(input), [1, ...shape]);
}

/** Checks a class index against the model's classes. */
export function checkClass(chain: LayerChain, classIndex: number): number {
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= chain.numClasses) {
    throw new ExplainInputError(`class ${classIndex} is out of range: the model has classes 0..${chain.numClasses - 1}`);
  }
  return classIndex;
}

/** Checks the request and predicts once. */
export async function resolveTarget(model: tf.LayersModel, input: ExplainInput, options: TargetOptions = {}): Promise<Target> {
  const chain = layerChain(model);
  if (options.classIndex !== undefined) checkClass(chain, options.classIndex);
  const x = checkedInput(chain, input);
  const out = model.predict(x) as tf.Tensor;
  const probabilities = probabilitiesOf(chain, await out.data());
  out.dispose();
  const predicted = chain.binary ? (probabilities[1] >= 0.5 ? 1 : 0) : argmax(probabilities);
  return {
    chain,
    x,
    classIndex: options.classIndex ?? predicted,
    predicted,
    requested: options.classIndex !== undefined,
    probabilities,
    scoreKind: chain.scoreKind,
  };
}

/** The reportable part of a target (no tensors). */
export function explainedClass(t: Target): ExplainedClass {
  return { classIndex: t.classIndex, predicted: t.predicted, requested: t.requested, probabilities: t.probabilities, scoreKind: t.scoreKind };
}
