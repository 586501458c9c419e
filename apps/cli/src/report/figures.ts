/**
 * The report's figures, all built from run records (plus the test images the records point to):
 * loss/accuracy curves, confusion-matrix heatmaps and ROC curves from the shared Vega-Lite specs,
 * and image grids (misclassified samples, the HOG picture) as SVG with embedded PNG tiles.
 */
import { encodePng } from '@nnlab/features-hog/node';
import { renderHogPicture } from '@nnlab/features-hog';
import { buildConfusionMatrixSpec, buildHistorySpec, buildRocSpec } from '@nnlab/metrics';
import { renderChartSvg, svgToPng } from '@nnlab/metrics/node';
import type { RunRecord } from '@nnlab/experiments';
import type { Figure } from './document';
import { fitLines } from './caption-lines';
import { escapeHtml } from './render-html';

async function chart(name: string, caption: string, spec: Parameters<typeof renderChartSvg>[0]): Promise<Figure> {
  const svg = await renderChartSvg(spec);
  return { name, caption, svg, png: await svgToPng(svg) };
}

/** Loss and accuracy per epoch, train vs validation. */
export async function historyFigures(record: RunRecord, name: string, title: string): Promise<Figure[]> {
  if (record.history.loss.length === 0) return [];
  return [
    await chart(
      `${name}-loss`,
      `${title}: loss per epoch (train vs validation)`,
      buildHistorySpec(record.history, { metric: 'loss', title: `${title}: loss` }),
    ),
    await chart(
      `${name}-acc`,
      `${title}: accuracy per epoch (train vs validation)`,
      buildHistorySpec(record.history, { metric: 'acc', title: `${title}: accuracy` }),
    ),
  ];
}

/** Confusion-matrix heatmap with counts (rows = true class). */
export function confusionFigure(matrix: number[][], name: string, title: string, labels?: string[]): Promise<Figure> {
  const size = Math.max(220, Math.min(420, matrix.length * 40));
  return chart(name, `${title} (rows = true class, columns = predicted)`, buildConfusionMatrixSpec(matrix, { labels, title, width: size, height: size }));
}

/** ROC curve with the diagonal and the AUC. */
export function rocFigure(roc: { fpr: number[]; tpr: number[]; thresholds?: number[] }, auc: number, name: string, title: string): Promise<Figure> {
  const thresholds = roc.thresholds ?? roc.fpr.map((_, i) => 1 - i / Math.max(1, roc.fpr.length - 1));
  return chart(name, `${title}: ROC curve (AUC ${auc.toFixed(3)})`, buildRocSpec({ fpr: roc.fpr, tpr: roc.tpr, thresholds }, { auc, title }));
}

function grayToRgba(gray: ArrayLike<number>, n: number): Uint8Array {
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const v = Math.max(0, Math.min(255, Math.round(gray[i])));
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

function pngDataUri(rgba: Uint8Array | Uint8ClampedArray, w: number, h: number): string {
  return `data:image/png;base64,${Buffer.from(encodePng(rgba, w, h)).toString('base64')}`;
}

/** One tile of an image grid. */
export interface Tile {
  /** Grayscale 0–255, row-major. */
  pixels: ArrayLike<number>;
  height: number;
  width: number;
  caption: string;
}

/** A grid of grayscale images with captions, as SVG (tiles embedded as PNG) and PNG. */
export async function imageGridFigure(
  tiles: Tile[],
  name: string,
  caption: string,
  options: { columns?: number; tileSize?: number } = {},
): Promise<Figure | undefined> {
  if (tiles.length === 0) return undefined;
  const columns = Math.min(options.columns ?? 8, tiles.length);
  const tile = options.tileSize ?? 84;
  const pad = 8;
  // Captions wrap to the tile's width (SVG text does not), and every row is as tall as its
  // longest caption, so no caption overlaps a neighbour or is cut at the figure's edge.
  const lineH = 13;
  const lines = tiles.map((t) => {
    const [first, ...rest] = t.caption.split('\n');
    return { first: fitLines(first, tile, 11), rest: fitLines(rest.join('\n'), tile, 10).filter((l) => l !== '') };
  });
  const rows = Math.ceil(tiles.length / columns);
  const capH = Array.from(
    { length: rows },
    (_, r) => 6 + lineH * Math.max(...lines.slice(r * columns, (r + 1) * columns).map((l) => l.first.length + l.rest.length)),
  );
  const rowY = capH.map((_, r) => pad + capH.slice(0, r).reduce((s, h) => s + h + tile + pad, 0));
  const width = columns * (tile + pad) + pad;
  const height = rowY[rows - 1] + tile + capH[rows - 1] + pad;
  const parts = tiles.map((t, i) => {
    const x = pad + (i % columns) * (tile + pad);
    const y = rowY[Math.floor(i / columns)];
    const href = pngDataUri(grayToRgba(t.pixels, t.width * t.height), t.width, t.height);
    const text = [...lines[i].first.map((l) => ({ l, size: 11, fill: '#000' })), ...lines[i].rest.map((l) => ({ l, size: 10, fill: '#555' }))];
    return (
      `<image x="${x}" y="${y}" width="${tile}" height="${tile}" preserveAspectRatio="none" style="image-rendering:pixelated" href="${href}" xlink:href="${href}"/>` +
      text
        .map(
          (c, k) =>
            `<text x="${x + tile / 2}" y="${y + tile + 12 + k * lineH}" font-family="sans-serif" font-size="${c.size}" fill="${c.fill}" text-anchor="middle">${escapeHtml(c.l)}</text>`,
        )
        .join('')
    );
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`;
  return { name, caption, svg, png: await svgToPng(svg, { scale: 1 }) };
}

/** A digit beside its HOG picture (the same drawing as skimage's `visualize=True`). */
export async function hogFigure(
  pixels: Uint8Array,
  height: number,
  width: number,
  hog: { orientations: number; pixelsPerCell: readonly [number, number] | number },
  name: string,
  caption: string,
): Promise<Figure> {
  const pic = renderHogPicture(pixels, height, width, {
    orientations: hog.orientations,
    pixelsPerCell: hog.pixelsPerCell as [number, number],
    cellsPerBlock: 1,
    scale: 8,
  });
  const href = pngDataUri(pic.rgba, pic.width, pic.height);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${pic.width}" height="${pic.height}" viewBox="0 0 ${pic.width} ${pic.height}"><image width="${pic.width}" height="${pic.height}" href="${href}" xlink:href="${href}"/></svg>`;
  return { name, caption, svg, png: encodePng(pic.rgba, pic.width, pic.height) };
}
