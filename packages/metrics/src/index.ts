// @nnlab/metrics — classification metrics tested against scikit-learn, and Vega-Lite chart specs.
// Browser-safe: pure TypeScript, no dependencies. Headless chart rendering (vega, sharp) is in ./node.

// Errors
export { MetricsInputError } from './errors';

// Multiclass: predictions, counts, per-class scores
export { argmax } from './argmax';
export { accuracy } from './accuracy';
export { confusionMatrix } from './confusion-matrix';
export type { ConfusionMatrix, ConfusionMatrixInput } from './confusion-matrix';
export { perClassMetrics } from './per-class-metrics';
export type { ClassMetrics } from './per-class-metrics';
export { macroAverage, weightedAverage } from './class-averages';
export type { AveragedMetrics } from './class-averages';
export { topConfusions, DEFAULT_TOP_CONFUSIONS } from './top-confusions';
export type { Confusion } from './top-confusions';
export { classificationReport, classificationReportFromMatrix } from './classification-report';
export type { ClassificationReport, ClassificationReportOptions } from './classification-report';

// Binary (positive class = 1): thresholded metrics, ROC, AUC
export { binaryMetrics, DEFAULT_THRESHOLD } from './binary-metrics';
export type { BinaryMetrics, BinaryMetricsOptions } from './binary-metrics';
export { rocCurve, DEFAULT_DROP_INTERMEDIATE } from './roc-curve';
export type { RocCurve, RocCurveOptions } from './roc-curve';
export { rocAuc } from './roc-auc';

// Charts: Vega-Lite specs as plain JSON objects
export { VEGA_LITE_SCHEMA, DEFAULT_CHART_WIDTH, DEFAULT_CHART_HEIGHT } from './charts/vega-lite';
export type { VegaLiteSpec } from './charts/vega-lite';
export { buildHistorySpec, DEFAULT_HISTORY_TITLES } from './charts/history-spec';
export type { TrainingHistory, HistoryMetric, HistorySpecOptions, HistoryDatum } from './charts/history-spec';
export { buildConfusionMatrixSpec, DEFAULT_CONFUSION_MATRIX_TITLE, CONFUSION_MATRIX_SCHEME } from './charts/confusion-matrix-spec';
export type { ConfusionMatrixSpecOptions, ConfusionMatrixDatum } from './charts/confusion-matrix-spec';
export { buildRocSpec, DEFAULT_ROC_TITLE, DEFAULT_ROC_SIZE } from './charts/roc-spec';
export type { RocSpecOptions, RocDatum } from './charts/roc-spec';
