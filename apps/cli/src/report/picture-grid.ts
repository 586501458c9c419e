/**
 * A grid of RGBA pictures with wrapped captions and optional row labels, as SVG (pictures embedded
 * as PNG) and PNG — the layout of the explanation figures. Rows grow with their longest caption,
 * so nothing overlaps at any picture count.
 */
import type { RgbaImage } from '@nnlab/explain';
import { svgToPng } from '@nnlab/metrics/node';
import { pngHref } from '../explain/explain-figure';
import { fitLines } from './caption-lines';
import type { Figure } from './document';
import { escapeHtml } from './render-html';

export interface PictureTile {
  picture: RgbaImage;
  caption: string;
}

export interface PictureGridOptions {
  columns: number;
  tileSize: number;
  /** One label per row, drawn at the left (e.g. TP, TN, FP, FN). */
  rowLabels?: string[];
  /** Pixelated upscaling (small maps, filters) instead of smooth. */
  pixelated?: boolean;
}

/** Lays the tiles out row by row (`columns` per row; a row label starts a new row). */
export async function pictureGridFigure(rows: PictureTile[][], name: string, caption: string, o: PictureGridOptions): Promise<Figure> {
  const pad = 8;
  const lineH = 13;
  const labelW = o.rowLabels ? Math.max(...o.rowLabels.map((l) => (fitLines(l, 120, 12).length > 1 ? 120 : 12 + l.length * 7.5))) : 0;
  const wrapped = rows.flatMap((row, r) => {
    const chunks: PictureTile[][] = [];
    for (let i = 0; i < row.length; i += o.columns) chunks.push(row.slice(i, i + o.columns));
    return chunks.map((tiles, k) => ({ tiles, label: k === 0 ? o.rowLabels?.[r] : undefined, lines: tiles.map((t) => fitLines(t.caption, o.tileSize, 10)) }));
  });
  const columns = Math.max(1, ...wrapped.map((w) => w.tiles.length));
  const width = labelW + pad + columns * (o.tileSize + pad);
  let y = pad;
  const parts: string[] = [];
  const style = o.pixelated ? ' style="image-rendering:pixelated"' : '';
  for (const row of wrapped) {
    const capH = 4 + lineH * Math.max(1, ...row.lines.map((l) => l.length));
    if (row.label) {
      const lines = fitLines(row.label, Math.max(40, labelW - 8), 12);
      lines.forEach((l, k) =>
        parts.push(`<text x="${pad}" y="${y + o.tileSize / 2 + k * 15}" font-family="sans-serif" font-size="12" font-weight="bold">${escapeHtml(l)}</text>`),
      );
    }
    row.tiles.forEach((t, i) => {
      const x = labelW + pad + i * (o.tileSize + pad);
      const href = pngHref(t.picture);
      const h = Math.round((o.tileSize * t.picture.height) / t.picture.width);
      parts.push(`<image x="${x}" y="${y}" width="${o.tileSize}" height="${h}" preserveAspectRatio="none"${style} href="${href}" xlink:href="${href}"/>`);
      row.lines[i].forEach((l, k) =>
        parts.push(
          `<text x="${x + o.tileSize / 2}" y="${y + o.tileSize + 12 + k * lineH}" font-family="sans-serif" font-size="10" fill="#333" text-anchor="middle">${escapeHtml(l)}</text>`,
        ),
      );
    });
    y += o.tileSize + capH + pad;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}"><rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`;
  return { name, caption, svg, png: await svgToPng(svg, { scale: 1 }) };
}
