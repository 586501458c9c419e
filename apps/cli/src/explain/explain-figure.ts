/**
 * The picture of one explanation: the image as the model saw it beside the heat-map overlay,
 * a colour bar (low → high) and a caption that says which class was explained, with which
 * method, and what the model predicted. SVG (tiles embedded as PNG), rendered to PNG.
 */
import { heatmapImage, heatmapOverlay, type HeatMap, type RgbaImage } from '@nnlab/explain';
import { encodePng } from '@nnlab/features-hog/node';
import { svgToPng } from '@nnlab/metrics/node';
import { fitLines, fitOneLine } from '../report/caption-lines';
import { escapeHtml } from '../report/render-html';
import { METHOD_TITLES, type ExplainedSample } from './explain-sample';

function grayRgba(base: HeatMap, scale: number): RgbaImage {
  return heatmapOverlay(base, { values: new Float32Array(base.values.length), height: base.height, width: base.width }, { alpha: 0, scale });
}

/** A data: URI of an RGBA picture as PNG. */
export function pngHref(img: RgbaImage): string {
  return `data:image/png;base64,${Buffer.from(encodePng(img.rgba, img.width, img.height)).toString('base64')}`;
}

/** `<image>` of an RGBA picture at (x, y) drawn `w × h`. */
export function svgImage(img: RgbaImage, x: number, y: number, w: number, h: number): string {
  const href = pngHref(img);
  return `<image x="${x}" y="${y}" width="${w}" height="${h}" preserveAspectRatio="none" href="${href}" xlink:href="${href}"/>`;
}

/** Integer upscale so the shorter side is at least `min` pixels. */
export function upscaleFor(base: HeatMap, min: number): number {
  return Math.max(1, Math.ceil(min / Math.min(base.height, base.width)));
}

/** The overlay alone (RGBA), upscaled for reading. */
export function overlayPicture(s: ExplainedSample, min = 224, alpha = 0.6): RgbaImage {
  return heatmapOverlay(s.base, s.heat, { alpha, scale: upscaleFor(s.base, min) });
}

/** One-line caption: prediction, class explained, method. */
export function explanationCaption(s: ExplainedSample): string {
  const e = s.explanation;
  const p = e.probabilities[e.predicted];
  const which = e.requested ? (e.classIndex === e.predicted ? 'requested, = predicted' : 'requested') : 'predicted';
  const at = e.layer ? ` at ${e.layer}` : '';
  const line = `predicted ${e.predictedName} (p = ${p.toFixed(3)}) · ${METHOD_TITLES[e.method]}${at} for ${e.className} (${which})`;
  if (!e.emptyMap) return line;
  const hint =
    e.method === 'gradcam'
      ? `no region of ${e.layer} raises the ${e.className} score (try an earlier --layer or --method smoothgrad)`
      : `the ${e.className} score does not change with any input value here`;
  return `${line}. The map is zero everywhere: ${hint}.`;
}

/** The figure of one explanation as SVG and PNG. */
export async function explanationFigure(s: ExplainedSample, title: string): Promise<{ svg: string; png: Uint8Array }> {
  const side = 256;
  const pad = 12;
  const scale = upscaleFor(s.base, side);
  const w = Math.round((side * s.base.width) / Math.min(s.base.height, s.base.width));
  const h = Math.round((side * s.base.height) / Math.min(s.base.height, s.base.width));
  const bar = heatmapImage({ values: Float32Array.from({ length: 64 }, (_, i) => i / 63), height: 1, width: 64 }, { scale: 1 });
  const width = pad * 3 + 2 * w;
  // the title is cut to one line; the caption wraps
  const captionLines = fitLines(explanationCaption(s), width - 2 * pad, 12);
  const top = 29 + 15 * captionLines.length;
  const height = top + h + 44;
  const parts = [
    `<text x="${pad}" y="18" font-family="sans-serif" font-size="13" font-weight="bold">${escapeHtml(fitOneLine(title, width - 2 * pad, 14))}</text>`,
    ...captionLines.map((l, k) => `<text x="${pad}" y="${35 + 15 * k}" font-family="sans-serif" font-size="12">${escapeHtml(l)}</text>`),
    svgImage(grayRgba(s.base, scale), pad, top, w, h),
    svgImage(overlayPicture(s, side), 2 * pad + w, top, w, h),
    `<text x="${pad + w / 2}" y="${top + h + 16}" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#444">input as the model sees it</text>`,
    `<text x="${2 * pad + w}" y="${top + h + 16}" font-family="sans-serif" font-size="11" fill="#444">low</text>`,
    svgImage(bar, 2 * pad + w + 28, top + h + 7, w - 64, 10),
    `<text x="${2 * pad + 2 * w}" y="${top + h + 16}" font-family="sans-serif" font-size="11" text-anchor="end" fill="#444">high</text>`,
    `<text x="${2 * pad + w + w / 2}" y="${top + h + 34}" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#444">${s.explanation.method === 'gradcam' ? 'evidence for' : '|attribution| to the score of'} ${escapeHtml(s.explanation.className)}</text>`,
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`;
  return { svg, png: await svgToPng(svg, { scale: 1 }) };
}
