/**
 * Writes a report folder: `report.md` (figures as `figures/*.png`), a self-contained
 * `report.html` (figures embedded), and the figures as PNG and SVG. Every file is written
 * atomically.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '@nnlab/core/node';
import { buildReport, type ReportInput } from './build-report';
import { explanationSections } from './explain-figures';
import { mnistSource, xraySource } from './test-images';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';

export interface WrittenReport {
  markdown: string;
  html: string;
  figures: string[];
}

/**
 * Builds and writes the report for the given runs into `outDir`. With `runsDir` (where the runs'
 * folders are) the explanation figures are computed from the saved models too.
 */
export async function writeReport(
  outDir: string,
  input: Omit<ReportInput, 'mnistTest' | 'xrayTest' | 'explanations'> & { runsDir?: string; onInfo?: (line: string) => void },
): Promise<WrittenReport> {
  const mnistRun = input.runs['mlp-raw'] ?? input.runs['mlp-hog'] ?? input.runs['cnn-mnist'];
  const { runsDir, onInfo, ...rest } = input;
  // The report needs only the records: pictures that need the data files or the saved models are
  // left out, with a line saying why, when those have moved.
  const optional = async <T>(what: string, make: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await make();
    } catch (err) {
      onInfo?.(`report: ${what} left out (${err instanceof Error ? err.message : String(err)})`);
      return undefined;
    }
  };
  const { doc, figures } = await buildReport({
    ...rest,
    explanations: runsDir ? await optional('explanation figures', () => explanationSections(input.runs, runsDir, onInfo)) : undefined,
    mnistTest: await optional('MNIST test images', () => mnistSource(mnistRun)),
    xrayTest: await optional('X-ray test images', () => xraySource(input.runs['cnn-pneumonia'])),
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
