/**
 * Calibration of a binary classifier: test samples binned by the predicted probability of the
 * positive class; per bin the mean prediction against the observed share of positives (a
 * calibrated model lies on the diagonal), and the expected calibration error
 * ECE = Σ_b (n_b / N) · |observed_b − predicted_b|.
 */
import { svgToPng } from '@nnlab/metrics/node';
import type { Figure } from './document';

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  meanPredicted: number;
  observed: number;
}

/** Bins `p` (probability of class 1) against `labels` (0/1) in `bins` equal-width bins. */
export function reliabilityBins(p: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): { bins: ReliabilityBin[]; ece: number } {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, b) => ({ lo: b / bins, hi: (b + 1) / bins, count: 0, meanPredicted: 0, observed: 0 }));
  for (let i = 0; i < p.length; i++) {
    const b = out[Math.min(bins - 1, Math.floor(p[i] * bins))];
    b.count++;
    b.meanPredicted += p[i];
    b.observed += labels[i] ? 1 : 0;
  }
  let ece = 0;
  for (const b of out) {
    if (b.count === 0) continue;
    b.meanPredicted /= b.count;
    b.observed /= b.count;
    ece += (b.count / p.length) * Math.abs(b.observed - b.meanPredicted);
  }
  return { bins: out, ece };
}

/** The reliability diagram: observed share per bin (bars), the diagonal, and counts. */
export async function reliabilityFigure(
  p: ArrayLike<number>,
  labels: ArrayLike<number>,
  name: string,
  title: string,
  positive: string,
): Promise<{ figure: Figure; ece: number; bins: ReliabilityBin[] }> {
  const { bins, ece } = reliabilityBins(p, labels);
  const W = 420;
  const H = 400;
  const L = 56;
  const T = 36;
  const S = 300;
  const X = (v: number) => L + v * S;
  const Y = (v: number) => T + (1 - v) * S;
  const parts: string[] = [
    `<text x="${L + S / 2}" y="20" font-family="sans-serif" font-size="13" font-weight="bold" text-anchor="middle">${title} (ECE ${ece.toFixed(3)})</text>`,
    `<rect x="${L}" y="${T}" width="${S}" height="${S}" fill="none" stroke="#888"/>`,
  ];
  for (let k = 0; k <= 10; k += 2) {
    const v = k / 10;
    parts.push(`<text x="${X(v)}" y="${T + S + 16}" font-family="sans-serif" font-size="10" text-anchor="middle">${v.toFixed(1)}</text>`);
    parts.push(`<text x="${L - 6}" y="${Y(v) + 4}" font-family="sans-serif" font-size="10" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  for (const b of bins) {
    if (b.count === 0) continue;
    parts.push(`<rect x="${X(b.lo) + 2}" y="${Y(b.observed)}" width="${S / bins.length - 4}" height="${Y(0) - Y(b.observed)}" fill="#4c78a8" opacity="0.8"/>`);
    parts.push(`<circle cx="${X(b.meanPredicted)}" cy="${Y(b.observed)}" r="3" fill="#e45756"/>`);
    parts.push(
      `<text x="${X((b.lo + b.hi) / 2)}" y="${Math.min(Y(b.observed) - 4, T + S - 4)}" font-family="sans-serif" font-size="9" text-anchor="middle" fill="#222">${b.count}</text>`,
    );
  }
  parts.push(`<line x1="${X(0)}" y1="${Y(0)}" x2="${X(1)}" y2="${Y(1)}" stroke="#444" stroke-dasharray="4 3"/>`);
  parts.push(
    `<text x="${L + S / 2}" y="${T + S + 34}" font-family="sans-serif" font-size="11" text-anchor="middle">predicted probability of ${positive}</text>`,
  );
  parts.push(
    `<text transform="translate(16 ${T + S / 2}) rotate(-90)" font-family="sans-serif" font-size="11" text-anchor="middle">observed share of ${positive}</text>`,
  );
  parts.push(`<text x="${L + S + 8}" y="${T + 12}" font-family="sans-serif" font-size="10" fill="#444">bars: observed</text>`);
  parts.push(`<text x="${L + S + 8}" y="${T + 26}" font-family="sans-serif" font-size="10" fill="#e45756">dots: at mean</text>`);
  parts.push(`<text x="${L + S + 8}" y="${T + 38}" font-family="sans-serif" font-size="10" fill="#e45756">prediction</text>`);
  parts.push(`<text x="${L + S + 8}" y="${T + 52}" font-family="sans-serif" font-size="10" fill="#444">numbers: count</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W + 80}" height="${H}" viewBox="0 0 ${W + 80} ${H}"><rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`;
  const caption = `${title}: reliability diagram — test images binned by predicted probability of ${positive}; bar = observed share of ${positive} in the bin, diagonal = perfect calibration, ECE = ${ece.toFixed(3)}`;
  return { figure: { name, caption, svg, png: await svgToPng(svg, { scale: 1 }) }, ece, bins };
}
