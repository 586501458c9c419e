/**
 * The tfjs model type, named through @nnlab/core's own signatures so the app needs no direct
 * dependency on @tensorflow/tfjs (the packages own it).
 */
import type { modelFromFiles } from '@nnlab/core';

export type LayersModel = Awaited<ReturnType<typeof modelFromFiles>>;

/** Shape of one input sample (without the batch dimension). */
export function inputSampleShape(model: LayersModel): number[] {
  return model.inputs[0].shape.slice(1).map((d) => d ?? -1);
}

/** Units of the output layer. */
export function outputUnits(model: LayersModel): number {
  const shape = model.outputs[0].shape;
  return shape[shape.length - 1] ?? 0;
}

/** True when the model has a convolution layer. */
export function isConvolutional(model: LayersModel): boolean {
  return model.layers.some((l) => l.getClassName() === 'Conv2D');
}

/** Units of the hidden Dense layers (every Dense layer but the output one). */
export function hiddenDenseUnits(model: LayersModel): number[] {
  const dense = model.layers.filter((l) => l.getClassName() === 'Dense').map((l) => Number(l.getConfig().units));
  return dense.slice(0, -1);
}
