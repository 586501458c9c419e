/**
 * Writes a report folder: `report.md` (figures as `figures/*.png`), a self-contained
 * `report.html` (figures embedded), and the figures as PNG and SVG. Every file is written
 * atomically.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '@nnlab/core/node';
import { loadMnist, loadPneumoniaMnist, openChestXray } from '@nnlab/datasets/node';
import type { RunRecord } from '@nnlab/experiments';
import { buildReport, type ReportInput, type TestImageSource } from './build-report';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';

export interface WrittenReport {
  markdown: string;
  html: string;
  figures: string[];
}

/** The MNIST test images a run read (same folder), by index. */
async function mnistSource(record: RunRecord | undefined): Promise<TestImageSource | undefined> {
  if (!record) return undefined;
  const file = record.config.data.files.find((f) => f.name.includes('t10k-images'));
  const dir = file?.origin === 'explicit' && file.path ? join(file.path, '..') : undefined;
  const mnist = await loadMnist({ dir, limit: { train: 1 } });
  const { images, rows, cols, count } = mnist.test;
  return { image: (i) => (i < count ? { pixels: images.subarray(i * rows * cols, (i + 1) * rows * cols), height: rows, width: cols } : undefined) };
}

/** The chest X-ray test images a pneumonia run read, by index (in the run's evaluation order). */
async function xraySource(record: RunRecord | undefined): Promise<TestImageSource | undefined> {
  if (!record) return undefined;
  const data = record.config.data;
  if (data.name === 'pneumoniamnist') {
    const f = data.files[0];
    const pm = await loadPneumoniaMnist(f?.origin === 'explicit' && f.path ? { path: f.path } : {});
    const { images, rows, cols, count } = pm.test;
    return { image: (i) => (i < count ? { pixels: images.subarray(i * rows * cols, (i + 1) * rows * cols), height: rows, width: cols } : undefined) };
  }
  const root = data.files[0]?.path;
  if (!root) return undefined;
  const folder = await openChestXray(root, { imageSize: [128, 128] });
  const test = folder.splits.test;
  if (!test) return undefined;
  return { image: async (i) => (i < test.count ? { pixels: await test.readBatch([i]), height: 128, width: 128 } : undefined) };
}

/** Builds and writes the report for the given runs into `outDir`. */
export async function writeReport(outDir: string, input: Omit<ReportInput, 'mnistTest' | 'xrayTest'>): Promise<WrittenReport> {
  const mnistRun = input.runs['mlp-raw'] ?? input.runs['mlp-hog'] ?? input.runs['cnn-mnist'];
  const { doc, figures } = await buildReport({
    ...input,
    mnistTest: await mnistSource(mnistRun),
    xrayTest: await xraySource(input.runs['cnn-pneumonia']),
  });
  const written: string[] = [];
  for (const f of figures) {
    writeFileAtomic(join(outDir, 'figures', `${f.name}.png`), f.png);
    writeFileAtomic(join(outDir, 'figures', `${f.name}.svg`), f.svg);
    written.push(join(outDir, 'figures', `${f.name}.png`));
  }
  const markdown = join(outDir, 'report.md');
  const html = join(outDir, 'report.html');
  writeFileAtomic(markdown, renderMarkdown(doc));
  writeFileAtomic(html, renderHtml(doc));
  return { markdown, html, figures: written };
}
