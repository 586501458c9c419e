/**
 * The datasets an experiment trains on, by name — `mnist` (raw pixels, flat or as images, chosen
 * from the model's input shape), `mnist-hog` (HOG features of MNIST) and `pneumonia` (chest
 * X-rays: the embedded PneumoniaMNIST, or a folder / `.npz` the host reads) — each with its class
 * names (defined here once) and the course's training settings for it.
 */
import { getZooEntry, type CourseSettings, type ModelId, type ModelInput } from '@nnlab/models';
import { ExperimentOptionError } from './errors';

/** Names of the datasets. */
export type DatasetName = 'mnist' | 'mnist-hog' | 'pneumonia';
export const DATASET_NAMES: readonly DatasetName[] = ['mnist', 'mnist-hog', 'pneumonia'];

/** Class names of the MNIST digits, by label. */
export const DIGIT_CLASS_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** Class names of the chest X-rays, by label (0 normal, 1 pneumonia), as the Kaggle folders name them. */
export const XRAY_CLASS_NAMES: readonly string[] = ['NORMAL', 'PNEUMONIA'];

/** One dataset. */
export interface DatasetDescriptor {
  name: DatasetName;
  title: string;
  /** Class names by label; a model outputs this many values (or 1 for two classes). */
  classNames: readonly string[];
  task: 'multiclass' | 'binary';
  /** The zoo model the course trained on it: its training settings are this dataset's defaults. */
  courseModel: ModelId;
}

const DESCRIPTORS: readonly DatasetDescriptor[] = [
  { name: 'mnist', title: 'MNIST digits (pixels scaled to [0, 1])', classNames: DIGIT_CLASS_NAMES, task: 'multiclass', courseModel: 'mlp-raw' },
  { name: 'mnist-hog', title: 'HOG features of the MNIST digits', classNames: DIGIT_CLASS_NAMES, task: 'multiclass', courseModel: 'mlp-hog' },
  { name: 'pneumonia', title: 'chest X-rays, normal vs pneumonia (0–255)', classNames: XRAY_CLASS_NAMES, task: 'binary', courseModel: 'cnn-pneumonia' },
];

/** Every dataset. */
export function listDatasets(): readonly DatasetDescriptor[] {
  return DESCRIPTORS;
}

/** A dataset by name; throws `ExperimentOptionError` listing the names. */
export function getDataset(name: string): DatasetDescriptor {
  const d = DESCRIPTORS.find((x) => x.name === name);
  if (!d) throw new ExperimentOptionError(`unknown dataset '${name}': expected one of ${DATASET_NAMES.join(', ')}`);
  return d;
}

/** The course's training settings for a dataset (those of the zoo model the course trained on it). */
export function datasetDefaults(d: DatasetDescriptor): CourseSettings {
  return getZooEntry(d.courseModel).course;
}

/** The dataset a zoo model's input kind reads. */
export function datasetForInput(input: ModelInput): DatasetDescriptor {
  switch (input) {
    case 'mnist-pixels':
    case 'mnist-image':
      return getDataset('mnist');
    case 'mnist-hog':
      return getDataset('mnist-hog');
    case 'xray-image':
      return getDataset('pneumonia');
  }
}
