/**
 * @nnlab/explain — why a network decided what it did. Browser-safe; works on any tfjs backend
 * the model runs on.
 *
 * Groups: methods · maps and pictures · model helpers · errors.
 */

// Methods (each reports the class it explained: the prediction unless one is requested)
export { convLayerNames, gradCam } from './gradcam';
export type { GradCamOptions, GradCamResult } from './gradcam';
export { saliency, smoothGrad } from './saliency';
export type { AttributionResult, SmoothGradOptions } from './saliency';
export { integratedGradients } from './integrated-gradients';
export type { IntegratedGradientsOptions, IntegratedGradientsResult } from './integrated-gradients';
export { activationMaps, convFilters } from './activations';
export type { ActivationMaps, ActivationMapsOptions, ConvFilters } from './activations';
export type { ExplainInput, ExplainedClass, TargetOptions } from './target';

// Maps and pictures
export { attributionMap } from './attribution-map';
export type { AttributionMap, InputLayout } from './attribution-map';
export { heatmapImage, heatmapOverlay, normalizeHeat, sideBySide } from './overlay';
export type { HeatMap, OverlayOptions, RgbaImage } from './overlay';
export { colormap } from './colormap';
export type { ColormapName } from './colormap';
export { heatMass } from './heat-mass';
export type { HeatMassRegions } from './heat-mass';

// Model helpers
export { layerChain } from './model-graph';
export type { LayerChain, ScoreKind } from './model-graph';

// Errors
export { ExplainInputError } from './errors';
