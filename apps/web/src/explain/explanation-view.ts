/**
 * An explanation under a prediction card: the heat map over the image the model saw, an opacity
 * slider, and a caption naming the method, the layer and the class explained (the prediction).
 * X-ray cards get Grad-CAM at the last conv layer; digit cards gradient saliency (mlp-hog: per
 * HOG cell). The numbers come from @nnlab/explain, the same code as `nnlab explain`.
 */
import { attributionMap, gradCam, heatmapOverlay, normalizeHeat, saliency, type HeatMap } from '@nnlab/explain';
import type { SessionModel } from '../state/session-models';
import { h } from '../ui/dom';

/** The explanation to draw: the image (0–255) and a [0, 1] heat map on any grid. */
export interface Explained {
  base: HeatMap;
  heat: HeatMap;
  caption: string;
}

/** Grad-CAM of a cnn-pneumonia model for its prediction; `sample` is its prepared input (0–255 pixels). */
export async function explainXray(m: SessionModel, sample: Float32Array): Promise<Explained> {
  const r = await gradCam(m.model, sample);
  const names = ['normal', 'pneumonia'];
  const empty = !r.cam.some((v) => v > 0);
  return {
    base: { values: sample, height: m.pipeline.height, width: m.pipeline.width },
    heat: { values: normalizeHeat(r.cam), height: r.height, width: r.width },
    caption: `Grad-CAM at ${r.layer} (${r.height}×${r.width}) for ${names[r.classIndex]}, the prediction${empty ? ' — zero everywhere: no region of this layer raises that score' : ''}`,
  };
}

/** Gradient saliency of a digit model for its prediction; `unit` is the 28×28 image it saw in [0, 1]. */
export async function explainDigit(m: SessionModel, sample: Float32Array, unit: ArrayLike<number>): Promise<Explained> {
  const r = await saliency(m.model, sample);
  const p = m.pipeline;
  const map = attributionMap(
    r.values,
    p.hog ? { kind: 'hog', height: p.height, width: p.width, hog: p.hog } : { kind: 'image', height: p.height, width: p.width },
  );
  return {
    base: { values: Array.from(unit, (v) => v * 255), height: 28, width: 28 },
    heat: { values: normalizeHeat(map.values, 0.99), height: map.height, width: map.width },
    caption: `saliency${p.hog ? ' per HOG cell' : ''} for ${r.classIndex} (the prediction): |∂ score / ∂ input|`,
  };
}

function draw(canvas: HTMLCanvasElement, e: Explained, alpha: number, scale: number): void {
  const pic = heatmapOverlay(e.base, e.heat, { alpha, scale });
  canvas.width = pic.width;
  canvas.height = pic.height;
  canvas.getContext('2d')!.putImageData(new ImageData(pic.rgba as Uint8ClampedArray<ArrayBuffer>, pic.width, pic.height), 0, 0);
}

/** The overlay with its opacity slider (`data-testid` explain-overlay / explain-opacity). */
export function explanationView(e: Explained, side = 168): HTMLElement {
  const scale = Math.max(1, Math.ceil(side / Math.max(e.base.height, e.base.width)));
  const canvas = h('canvas', { class: 'explain-canvas', 'data-testid': 'explain-overlay' });
  canvas.style.display = 'block';
  canvas.style.maxWidth = '100%';
  canvas.style.width = `${side}px`;
  canvas.style.height = `${Math.round((side * e.base.height) / e.base.width)}px`;
  const slider = h('input', { type: 'range', min: '0', max: '100', value: '60', 'data-testid': 'explain-opacity', 'aria-label': 'heat-map opacity' });
  slider.addEventListener('input', () => draw(canvas, e, Number(slider.value) / 100, scale));
  draw(canvas, e, 0.6, scale);
  return h(
    'figure',
    { class: 'explain-view', style: 'margin: 8px 0 0; max-width: 100%' },
    canvas,
    h('figcaption', { class: 'muted' }, e.caption),
    h('label', { class: 'explain-slider' }, 'opacity ', slider),
  );
}
