// @nnlab/features-hog — Histogram of Oriented Gradients matching skimage.feature.hog (0.19),
// browser-safe. Node-only helpers (parallel batches, PNG files) live in '@nnlab/features-hog/node'.

// Feature extraction
export { hog, hogBatch, createHogExtractor } from './hog';
export type { HogImage, HogExtractor } from './hog';

// Options, defaults and geometry
export {
  COURSE_HOG_OPTIONS,
  DEFAULT_HOG_ORIENTATIONS,
  DEFAULT_HOG_PIXELS_PER_CELL,
  DEFAULT_HOG_CELLS_PER_BLOCK,
  DEFAULT_HOG_BLOCK_NORM,
  DEFAULT_HOG_TRANSFORM_SQRT,
  HOG_BLOCK_NORMS,
  hogFeatureLength,
  hogGeometry,
  resolveHogOptions,
} from './hog-options';
export type { HogOptions, HogBlockNorm, ResolvedHogOptions, HogGeometry } from './hog-options';

// Visualisation
export { hogImage } from './hog-image';
export { renderHogPicture, DEFAULT_RENDER_SCALE, DEFAULT_RENDER_GAP, DEFAULT_RENDER_BACKGROUND } from './render-hog-picture';
export type { RenderHogPictureOptions, RgbaImage } from './render-hog-picture';

// Errors
export { HogError, HogOptionError, HogInputError } from './errors';
