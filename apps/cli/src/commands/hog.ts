/**
 * `nnlab hog <idx-images-file>`: HOG feature vectors of an IDX image set (MNIST, Fashion-MNIST,
 * any ≥ 28×28 uint8 IDX), images scaled to [0, 1] float32 first as the course did; or `--draw`
 * one image beside its HOG picture as a PNG.
 */
import type { Command } from 'commander';
import { DatasetFormatError, parseIdx } from '@nnlab/datasets';
import { readDataFile } from '@nnlab/datasets/node';
import { COURSE_HOG_OPTIONS, hogBatch, hogFeatureLength, renderHogPicture, resolveHogOptions, type HogBlockNorm } from '@nnlab/features-hog';
import { encodePng } from '@nnlab/features-hog/node';
import { writeFileAtomic } from '@nnlab/core/node';
import { UsageError } from '../exit-codes';
import type { CommandContext } from './context';
import { int, path } from '../options/parsers';
import { addOptions } from '../options/table';

interface HogFlags {
  limit?: number;
  orientations?: number;
  pixelsPerCell?: number;
  cellsPerBlock?: number;
  blockNorm?: HogBlockNorm;
  transformSqrt?: boolean;
  draw?: number;
  out?: string;
  scale: number;
  json?: boolean;
}

export function registerHog(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('hog')
    .description('HOG features of an IDX image file (.gz or raw), equal to skimage.feature.hog; or --draw one image beside its HOG picture')
    .argument('<idx-images-file>', 'e.g. data/mnist/t10k-images-idx3-ubyte.gz (MNIST, Fashion-MNIST, any uint8 IDX of images ≥ 28×28)')
    .option('--limit <n>', 'only the first N images', int('--limit'));
  addOptions(cmd, ['orientations', 'pixelsPerCell', 'cellsPerBlock', 'blockNorm'])
    .option('--transform-sqrt', 'square-root (power law) compression before the gradients')
    .option('--draw <index>', 'draw image <index> beside its HOG picture (needs --out)', int('--draw', 0))
    .option('--out <file.png>', 'where --draw writes the PNG (a file name, not a folder)', path('--out'))
    .option('--scale <n>', 'pixel magnification of --draw', int('--scale', 1, 64), 8);
  addOptions(cmd, ['json'])
    .addHelpText(
      'after',
      '\nExit codes: 2 for a bad flag or an --out that is a folder, 3 for a missing or malformed IDX file.\n\nExamples:\n  nnlab hog data/mnist/t10k-images-idx3-ubyte.gz --limit 2 --json\n  nnlab hog data/mnist/t10k-images-idx3-ubyte.gz --draw 0 --out hog.png',
    )
    .action(async (file: string, f: HogFlags) => {
      const options = resolveHogOptions({
        orientations: f.orientations ?? COURSE_HOG_OPTIONS.orientations,
        pixelsPerCell: f.pixelsPerCell ?? COURSE_HOG_OPTIONS.pixelsPerCell,
        cellsPerBlock: f.cellsPerBlock ?? COURSE_HOG_OPTIONS.cellsPerBlock,
        blockNorm: f.blockNorm ?? COURSE_HOG_OPTIONS.blockNorm,
        transformSqrt: !!f.transformSqrt,
      });
      const bytes = readDataFile(file);
      const limit = f.draw !== undefined ? f.draw + 1 : f.limit;
      const idx = parseIdx(bytes, { source: file, limit });
      if (idx.dims.length !== 3) throw new DatasetFormatError(file, `holds ${idx.dims.length}-D data [${idx.dims.join('×')}], not a set of 2-D images`);
      const [count, rows, cols] = idx.dims;
      const length = hogFeatureLength(rows, cols, options);
      if (f.draw !== undefined) {
        if (!f.out) throw new UsageError('--draw needs --out <file.png>');
        if (f.draw >= count) throw new UsageError(`--draw ${f.draw}: ${file} holds ${count} images`);
        const image = idx.data.subarray(f.draw * rows * cols, (f.draw + 1) * rows * cols);
        const pic = renderHogPicture(image, rows, cols, { ...options, scale: f.scale });
        writeFileAtomic(f.out, encodePng(pic.rgba, pic.width, pic.height));
        if (f.json) ctx.json({ file, index: f.draw, out: f.out, width: pic.width, height: pic.height, featureLength: length });
        else
          ctx.out(
            `wrote ${f.out} (${pic.width}×${pic.height}): image ${f.draw} of ${file} and its HOG picture (${options.orientations} orientations, ${options.pixelsPerCell.join('×')} px cells)`,
          );
        return;
      }
      const unit = new Float32Array(count * rows * cols);
      for (let i = 0; i < unit.length; i++) unit[i] = idx.data[i] / 255;
      const features = hogBatch(unit, count, rows, cols, options);
      if (f.json) {
        const out: string[] = [];
        for (let i = 0; i < count; i++) out.push(`[${Array.from(features.subarray(i * length, (i + 1) * length)).join(',')}]`);
        process.stdout.write(`[${out.join(',')}]\n`);
      } else {
        ctx.out(
          `${count} images of ${rows}×${cols} → ${length} HOG features each (${options.orientations} orientations, ${options.pixelsPerCell.join('×')} px cells, ${options.cellsPerBlock.join('×')} blocks, ${options.blockNorm})`,
        );
        const show = Math.min(count, 3);
        for (let i = 0; i < show; i++) {
          const v = features.subarray(i * length, (i + 1) * length);
          let nonZero = 0;
          let max = 0;
          for (const x of v) {
            if (x !== 0) nonZero++;
            if (x > max) max = x;
          }
          ctx.out(`  [${i}] ${length} values, ${nonZero} non-zero, max ${max.toFixed(4)}`);
        }
        if (count > show) ctx.out(`  … (${count - show} more; --json prints all)`);
      }
    });
}
