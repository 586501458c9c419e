/**
 * One image through one explanation method: the model's input sample and the picture the model
 * sees (same pipeline as `nnlab predict`), the explanation from @nnlab/explain, and its heat map
 * normalised to [0, 1] on the image grid.
 */
import type * as tf from '@tensorflow/tfjs';
import {
  attributionMap,
  gradCam,
  heatMass,
  integratedGradients,
  normalizeHeat,
  saliency,
  smoothGrad,
  type AttributionResult,
  type HeatMap,
  type InputLayout,
} from '@nnlab/explain';
import { resizeBilinear } from '@nnlab/datasets';
import { prepareImage, type InputPipeline } from '@nnlab/experiments';

export const EXPLAIN_METHODS = ['gradcam', 'saliency', 'smoothgrad', 'ig'] as const;
export type ExplainMethod = (typeof EXPLAIN_METHODS)[number];

/** Human names of the methods (captions). */
export const METHOD_TITLES: Record<ExplainMethod, string> = {
  gradcam: 'Grad-CAM',
  saliency: 'gradient saliency',
  smoothgrad: 'SmoothGrad',
  ig: 'integrated gradients',
};

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const XRAY = ['NORMAL', 'PNEUMONIA'];

/** Class names of a model with `numClasses` outputs (binary: the pneumonia labels). */
export function classNamesFor(binary: boolean, numClasses: number): string[] {
  return binary ? XRAY : Array.from({ length: numClasses }, (_, i) => DIGITS[i] ?? String(i));
}

/** What one explanation says, as numbers (the `--json` record of an image). */
export interface SampleExplanation {
  method: ExplainMethod;
  /** Class explained, its name, and whether it was asked for (else: the prediction). */
  classIndex: number;
  className: string;
  requested: boolean;
  predicted: number;
  predictedName: string;
  probabilities: number[];
  /** Gradients of the logit (pre-softmax/sigmoid) or of the output. */
  scoreKind: string;
  score: number;
  /** Grad-CAM: the conv layer. */
  layer?: string;
  /** The normalised heat map (0–1) in its own grid (Grad-CAM: the layer's; else the image's). */
  heat: { height: number; width: number; values: number[] };
  /** HOG models: the heat per HOG cell (unnormalised |attribution| sums). */
  hogCells?: { rows: number; cols: number; values: number[] };
  /** True when the map is zero everywhere (Grad-CAM: no region of the layer raises the class score). */
  emptyMap: boolean;
  /** Fraction of the heat inside the central box (15 % border band excluded; null for an empty map) and the box's area share. */
  innerHeat: number | null;
  innerArea: number;
  /** Integrated gradients: Σ attributions and score − baseline score (completeness check). */
  completeness?: { attributionSum: number; scoreDelta: number };
}

/** The explained sample plus what its figure needs. */
export interface ExplainedSample {
  explanation: SampleExplanation;
  /** The image as the model sees it (0–255, the pipeline's size). */
  base: HeatMap;
  /** The heat map in [0, 1] (any grid). */
  heat: HeatMap;
}

export interface ExplainSampleOptions {
  method: ExplainMethod;
  classIndex?: number;
  layer?: string;
  invert?: boolean;
  centerDigit?: boolean;
}

function layoutOf(pipeline: InputPipeline): InputLayout {
  if (pipeline.hog) return { kind: 'hog', height: pipeline.height, width: pipeline.width, hog: pipeline.hog };
  return { kind: 'image', height: pipeline.height, width: pipeline.width };
}

/** The pipeline's image (0–255) as the model sees it, before scaling or HOG. */
function seenImage(pipeline: InputPipeline, gray: ArrayLike<number>, height: number, width: number, o: ExplainSampleOptions): Float32Array {
  const size = pipeline.height * pipeline.width;
  const pixels: InputPipeline = {
    input: pipeline.input === 'xray-image' ? 'xray-image' : 'mnist-image',
    height: pipeline.height,
    width: pipeline.width,
    scale: 1,
    sampleSize: size,
    sampleShape: [pipeline.height, pipeline.width, 1],
  };
  return prepareImage(pixels, gray, height, width, { invert: o.invert, centerDigit: o.centerDigit });
}

/** Explains one grayscale image (0–255, `height × width`). */
export async function explainSample(
  model: tf.LayersModel,
  pipeline: InputPipeline,
  image: { data: ArrayLike<number>; height: number; width: number },
  o: ExplainSampleOptions,
): Promise<ExplainedSample> {
  const sample = prepareImage(pipeline, image.data, image.height, image.width, { invert: o.invert, centerDigit: o.centerDigit });
  const base: HeatMap = { values: seenImage(pipeline, image.data, image.height, image.width, o), height: pipeline.height, width: pipeline.width };
  const target = { classIndex: o.classIndex };
  let heat: HeatMap;
  let extra: Partial<SampleExplanation> = {};
  let common;
  if (o.method === 'gradcam') {
    const r = await gradCam(model, sample, { ...target, layer: o.layer });
    heat = { values: normalizeHeat(r.cam), height: r.height, width: r.width };
    common = r;
    extra = { layer: r.layer };
  } else {
    let r: AttributionResult;
    if (o.method === 'ig') {
      const ig = await integratedGradients(model, sample, target);
      extra.completeness = { attributionSum: ig.attributionSum, scoreDelta: ig.score - ig.baselineScore };
      r = ig;
    } else {
      r = o.method === 'saliency' ? await saliency(model, sample, target) : await smoothGrad(model, sample, target);
    }
    const map = attributionMap(r.values, layoutOf(pipeline));
    heat = { values: normalizeHeat(map.values, 0.99), height: map.height, width: map.width };
    common = r;
    if (map.cells) extra.hogCells = { rows: map.cells.rows, cols: map.cells.cols, values: Array.from(map.cells.values) };
  }
  const names = classNamesFor(common.probabilities.length === 2 && pipeline.input === 'xray-image', common.probabilities.length);
  // measured on the image's grid (the heat resized as the overlay draws it), not the layer's coarse one
  const onImage =
    heat.height === base.height && heat.width === base.width ? heat.values : resizeBilinear(heat.values, heat.height, heat.width, base.height, base.width);
  const mass = heatMass({ values: onImage, height: base.height, width: base.width });
  return {
    base,
    heat,
    explanation: {
      method: o.method,
      classIndex: common.classIndex,
      className: names[common.classIndex],
      requested: common.requested,
      predicted: common.predicted,
      predictedName: names[common.predicted],
      probabilities: common.probabilities,
      scoreKind: common.scoreKind,
      score: common.score,
      ...extra,
      heat: { height: heat.height, width: heat.width, values: Array.from(heat.values, (v) => Math.round(v * 1e4) / 1e4) },
      emptyMap: !(mass.inner >= 0),
      innerHeat: mass.inner >= 0 ? mass.inner : null,
      innerArea: mass.innerArea,
    },
  };
}
