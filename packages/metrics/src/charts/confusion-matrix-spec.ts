import { matrixRows, type ConfusionMatrixInput } from '../confusion-matrix';
import { MetricsInputError } from '../errors';
import { DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './vega-lite';

/** Default title of {@link buildConfusionMatrixSpec}. */
export const DEFAULT_CONFUSION_MATRIX_TITLE = 'Confusion matrix';
/** Vega colour scheme of the heatmap cells. */
export const CONFUSION_MATRIX_SCHEME = 'blues';

/** Options of {@link buildConfusionMatrixSpec}. */
export interface ConfusionMatrixSpecOptions {
  /** Class names in class order, one per row; default the class indices `'0'`, `'1'`, …. */
  labels?: readonly string[];
  /** Chart title; default {@link DEFAULT_CONFUSION_MATRIX_TITLE}. */
  title?: string;
  /** Plot width in pixels; default {@link DEFAULT_CHART_WIDTH}. */
  width?: number;
  /** Plot height in pixels; default {@link DEFAULT_CHART_HEIGHT}. */
  height?: number;
}

/** One cell of the heatmap's data. */
export interface ConfusionMatrixDatum {
  /** Label of the true class (row). */
  actual: string;
  /** Label of the predicted class (column). */
  predicted: string;
  count: number;
  /** `count` over the true class's support (0 for an empty row). */
  fractionOfTrue: number;
}

/**
 * Heatmap of a confusion matrix as a Vega-Lite spec: rows (y) = true class, columns (x) =
 * predicted class, colour = count, and each cell's count written on it (a text layer, white on
 * dark cells). Classes keep their matrix order on both axes.
 *
 * @throws MetricsInputError (a RangeError) on a malformed matrix, or labels whose number differs
 *   from the number of classes or that repeat.
 */
export function buildConfusionMatrixSpec(matrix: ConfusionMatrixInput, options: ConfusionMatrixSpecOptions = {}): VegaLiteSpec {
  const fn = 'buildConfusionMatrixSpec';
  const rows = matrixRows(fn, matrix);
  const k = rows.length;
  const labels = options.labels ? [...options.labels] : Array.from({ length: k }, (_, i) => String(i));
  if (labels.length !== k) {
    throw new MetricsInputError(`${fn}: labels has ${labels.length} names but the matrix has ${k} classes`);
  }
  if (new Set(labels).size !== k) {
    throw new MetricsInputError(`${fn}: labels must be distinct (got ${labels.join(', ')})`);
  }

  const values: ConfusionMatrixDatum[] = [];
  let max = 0;
  for (let t = 0; t < k; t++) {
    const row = rows[t];
    let support = 0;
    for (let p = 0; p < k; p++) support += row[p];
    for (let p = 0; p < k; p++) {
      const count = row[p];
      if (count > max) max = count;
      values.push({ actual: labels[t], predicted: labels[p], count, fractionOfTrue: support > 0 ? count / support : 0 });
    }
  }

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? DEFAULT_CONFUSION_MATRIX_TITLE,
    width: options.width ?? DEFAULT_CHART_WIDTH,
    height: options.height ?? DEFAULT_CHART_HEIGHT,
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: labels, title: 'predicted', axis: { labelAngle: 0 } },
      y: { field: 'actual', type: 'nominal', sort: labels, title: 'true' },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: { field: 'count', type: 'quantitative', title: 'count', scale: { scheme: CONFUSION_MATRIX_SCHEME } },
          tooltip: [
            { field: 'actual', type: 'nominal', title: 'true' },
            { field: 'predicted', type: 'nominal' },
            { field: 'count', type: 'quantitative' },
            { field: 'fractionOfTrue', type: 'quantitative', title: 'share of true class', format: '.1%' },
          ],
        },
      },
      {
        mark: { type: 'text', baseline: 'middle' },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: `datum.count > ${max / 2}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
