import { MetricsInputError } from '../errors';
import type { RocCurve } from '../roc-curve';
import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from './vega-lite';

/** Default title of {@link buildRocSpec}. */
export const DEFAULT_ROC_TITLE = 'ROC curve';
/** Default size of the (square) ROC plot in pixels. */
export const DEFAULT_ROC_SIZE = 300;

/** Options of {@link buildRocSpec}. */
export interface RocSpecOptions {
  /** Area under the curve, shown as the subtitle `AUC = 0.9876` when given. */
  auc?: number;
  /** Chart title; default {@link DEFAULT_ROC_TITLE}. */
  title?: string;
  /** Plot width and height in pixels; default {@link DEFAULT_ROC_SIZE}. */
  size?: number;
}

/** One point of the ROC line's data; `index` keeps the curve's order (vertical steps share fpr). */
export interface RocDatum {
  index: number;
  fpr: number;
  tpr: number;
  threshold: number;
}

/**
 * ROC curve as a Vega-Lite spec: the curve (tpr against fpr, drawn in point order) over the dashed
 * chance diagonal from (0, 0) to (1, 1), both axes fixed to [0, 1].
 *
 * @param roc e.g. the result of `rocCurve`.
 * @throws MetricsInputError (a RangeError) when `fpr`, `tpr` and `thresholds` differ in length or
 *   are empty, or `auc` is not finite.
 */
export function buildRocSpec(roc: RocCurve, options: RocSpecOptions = {}): VegaLiteSpec {
  const fn = 'buildRocSpec';
  const { fpr, tpr, thresholds } = roc;
  if (fpr.length !== tpr.length || fpr.length !== thresholds.length) {
    throw new MetricsInputError(
      `${fn}: roc.fpr, roc.tpr and roc.thresholds must have one entry per point (got ${fpr.length}, ${tpr.length}, ${thresholds.length})`,
    );
  }
  if (fpr.length === 0) throw new MetricsInputError(`${fn}: roc has no points`);
  if (options.auc !== undefined && !Number.isFinite(options.auc)) {
    throw new MetricsInputError(`${fn}: options.auc is ${options.auc}; it must be a finite number`);
  }
  const values: RocDatum[] = new Array(fpr.length);
  for (let i = 0; i < fpr.length; i++) values[i] = { index: i, fpr: fpr[i], tpr: tpr[i], threshold: thresholds[i] };

  const size = options.size ?? DEFAULT_ROC_SIZE;
  const text = options.title ?? DEFAULT_ROC_TITLE;
  const x = {
    field: 'fpr',
    type: 'quantitative',
    title: 'false positive rate (1 − specificity)',
    scale: { domain: [0, 1] },
  };
  const y = { field: 'tpr', type: 'quantitative', title: 'true positive rate (sensitivity)', scale: { domain: [0, 1] } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.auc === undefined ? text : { text, subtitle: `AUC = ${options.auc.toFixed(4)}` },
    width: size,
    height: size,
    layer: [
      {
        data: {
          values: [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
        },
        mark: { type: 'line', color: 'gray', strokeDash: [4, 4] },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: 'line', interpolate: 'linear' },
        encoding: {
          x,
          y,
          order: { field: 'index', type: 'quantitative' },
          tooltip: [
            { field: 'threshold', type: 'quantitative', format: '.4f' },
            { field: 'fpr', type: 'quantitative', format: '.3f' },
            { field: 'tpr', type: 'quantitative', format: '.3f' },
          ],
        },
      },
    ],
  };
}
