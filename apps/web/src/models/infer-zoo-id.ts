/**
 * Which zoo model a loaded LayersModel is, from its shape: `nnlab train` saves every zoo model as a
 * plain `sequential`, so the model name does not say; the input shape, the layers and the output
 * do. Returns undefined when nothing matches (the user then picks the zoo id).
 */
import { COURSE_HOG_LENGTH, type ModelId } from '@nnlab/models';
import { inputSampleShape, isConvolutional, outputUnits, type LayersModel } from './layers-model';

/** A recognised zoo model. */
export interface ZooMatch {
  zooId: ModelId;
  /** Square input side (CNNs). */
  imageSize?: number;
}

/** Matches the shape of a model to the zoo. */
export function inferZooId(model: LayersModel): ZooMatch | undefined {
  const input = inputSampleShape(model);
  const outputs = outputUnits(model);
  if (isConvolutional(model)) {
    if (input.length !== 3 || input[2] !== 1 || input[0] !== input[1]) return undefined;
    if (outputs === 1) return { zooId: 'cnn-pneumonia', imageSize: input[0] };
    if (outputs === 10) return { zooId: 'cnn-mnist', imageSize: input[0] };
    return undefined;
  }
  if (input.length !== 1 || outputs !== 10) return undefined;
  if (input[0] === 28 * 28) return { zooId: 'mlp-raw' };
  if (input[0] === COURSE_HOG_LENGTH) return { zooId: 'mlp-hog' };
  return undefined;
}
