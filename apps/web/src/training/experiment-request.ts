/** The Train form's settings as the shared pipeline's experiment request (what `nnlab train` builds from its flags). */
import { datasetForInput, type ExperimentRequest } from '@nnlab/experiments';
import { getZooEntry } from '@nnlab/models';
import type { TrainSettings } from './train-settings';

/** A zoo model with the form's knobs; unset values stay the course's. */
export function requestFromSettings(s: TrainSettings): ExperimentRequest {
  const common = {
    epochs: s.epochs,
    batchSize: s.batchSize,
    validationSplit: s.validationSplit,
    optimizer: { name: s.optimizer, learningRate: s.learningRate },
    seed: s.seed,
    limit: s.limit,
  };
  // The architecture editor's spec, on the data of the form's zoo model.
  if (s.spec) return { spec: s.spec, dataset: datasetForInput(getZooEntry(s.zooId).input).name, ...common };
  return { zoo: s.zooId, args: { hidden: s.hidden, activation: s.activation, imageSize: s.imageSize }, ...common };
}
