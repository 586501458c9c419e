import { MetricsInputError } from '../errors';
import { DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './vega-lite';

/** Per-epoch training history, Keras-style (`History.history`). */
export interface TrainingHistory {
  loss: readonly number[];
  acc: readonly number[];
  val_loss?: readonly number[];
  val_acc?: readonly number[];
}

/** Which curve pair {@link buildHistorySpec} draws. */
export type HistoryMetric = 'loss' | 'acc';

/** Options of {@link buildHistorySpec}. */
export interface HistorySpecOptions {
  /** `'loss'` draws `loss` and `val_loss`; `'acc'` draws `acc` and `val_acc`. */
  metric: HistoryMetric;
  /** Chart title; default {@link DEFAULT_HISTORY_TITLES} for the metric. */
  title?: string;
  /** Plot width in pixels; default {@link DEFAULT_CHART_WIDTH}. */
  width?: number;
  /** Plot height in pixels; default {@link DEFAULT_CHART_HEIGHT}. */
  height?: number;
}

/** Default titles of the history charts. */
export const DEFAULT_HISTORY_TITLES: Readonly<Record<HistoryMetric, string>> = {
  loss: 'Loss per epoch',
  acc: 'Accuracy per epoch',
};

/** One row of the history chart's data: `value` is null where the number was not finite. */
export interface HistoryDatum {
  /** 1-based epoch number. */
  epoch: number;
  split: 'train' | 'validation';
  value: number | null;
}

const AXIS_TITLES: Record<HistoryMetric, string> = { loss: 'loss', acc: 'accuracy' };

/**
 * Up to this many epochs the x axis lists every epoch explicitly: over short spans Vega's tick
 * generator picks half-epoch steps even with `tickMinStep: 1`.
 */
const MAX_EXPLICIT_EPOCH_TICKS = 10;

/**
 * Line chart of a training metric over epochs, train vs validation (when the history has
 * validation values), as a Vega-Lite spec. Data are inlined as `{ epoch, split, value }` rows with
 * 1-based epochs; non-finite values (a diverged loss) become `null` so the spec stays valid JSON
 * and the line shows a gap.
 *
 * @throws MetricsInputError (a RangeError) when the history has no values for the metric.
 */
export function buildHistorySpec(history: TrainingHistory, options: HistorySpecOptions): VegaLiteSpec {
  const { metric } = options;
  if (metric !== 'loss' && metric !== 'acc') {
    throw new MetricsInputError(`buildHistorySpec: metric must be 'loss' or 'acc', got ${String(metric)}`);
  }
  const train = history[metric];
  if (!train || train.length === 0) {
    throw new MetricsInputError(`buildHistorySpec: history.${metric} is empty; nothing to plot`);
  }
  const validation = history[metric === 'loss' ? 'val_loss' : 'val_acc'];
  const values: HistoryDatum[] = [];
  const push = (series: readonly number[], split: HistoryDatum['split']) => {
    for (let i = 0; i < series.length; i++) {
      const v = series[i];
      values.push({ epoch: i + 1, split, value: Number.isFinite(v) ? v : null });
    }
  };
  push(train, 'train');
  if (validation && validation.length > 0) push(validation, 'validation');

  const axisTitle = AXIS_TITLES[metric];
  const epochs = Math.max(train.length, validation?.length ?? 0);
  const xAxis: Record<string, unknown> = { format: 'd', tickMinStep: 1 };
  if (epochs <= MAX_EXPLICIT_EPOCH_TICKS) xAxis.values = Array.from({ length: epochs }, (_, i) => i + 1);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? DEFAULT_HISTORY_TITLES[metric],
    width: options.width ?? DEFAULT_CHART_WIDTH,
    height: options.height ?? DEFAULT_CHART_HEIGHT,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: xAxis },
      y: { field: 'value', type: 'quantitative', title: axisTitle, scale: { zero: false } },
      color: {
        field: 'split',
        type: 'nominal',
        title: null,
        scale: { domain: ['train', 'validation'] },
      },
      tooltip: [
        { field: 'epoch', type: 'quantitative' },
        { field: 'split', type: 'nominal' },
        { field: 'value', type: 'quantitative', title: axisTitle, format: '.4f' },
      ],
    },
  };
}
