/**
 * A training `Dataset` whose samples go through `prepareImage` on read — the very function that
 * prepares an uploaded image for prediction — so a 28×28 PneumoniaMNIST image feeds a 128×128
 * model without holding 128×128 floats per image in memory, and training and inference see the
 * same preprocessing.
 */
import { arrayDataset, type Dataset } from '@nnlab/core';
import { prepareImage, type ImageSplit, type InputPipeline } from '@nnlab/experiments';

/** Samples `prepareImage(pipeline, image)`, targets from the labels (`numClasses` as `arrayDataset`). */
export function preparedImageDataset(split: ImageSplit, pipeline: InputPipeline, numClasses: number): Dataset {
  const pix = split.rows * split.cols;
  // Targets only: a one-value-per-sample dataset over the labels gives the right target layout.
  const targets = arrayDataset({ x: new Uint8Array(split.count), sampleShape: [1], labels: split.labels, numClasses });
  const sampleSize = pipeline.sampleSize;
  let dummy = new Float32Array(0);
  return {
    size: split.count,
    sampleShape: pipeline.sampleShape,
    targetShape: targets.targetShape,
    label: targets.label,
    read(indices, x, y) {
      if (dummy.length < indices.length) dummy = new Float32Array(indices.length);
      void targets.read(indices, dummy, y);
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k];
        const image = split.images.subarray(i * pix, (i + 1) * pix);
        prepareImage(pipeline, image, split.rows, split.cols, { out: x.subarray(k * sampleSize, (k + 1) * sampleSize) });
      }
    },
  };
}
