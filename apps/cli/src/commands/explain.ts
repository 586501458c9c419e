/** `nnlab explain <run> <image…>`: why the model predicted what it did — overlay PNGs and numbers. */
import type { Command } from 'commander';
import { UsageError } from '../exit-codes';
import { explainRun } from '../explain/explain-run';
import { EXPLAIN_METHODS, type ExplainMethod } from '../explain/explain-sample';
import { formatTable } from '../output/table';
import type { CommandContext } from './context';
import { choice, int } from '../options/parsers';
import { addOptions } from '../options/table';

interface ExplainFlags {
  method?: ExplainMethod;
  class?: string;
  layer?: string;
  out: string;
  test?: boolean;
  misclassified?: number;
  invert?: boolean;
  center?: boolean;
  backend: 'auto';
  json?: boolean;
}

export function registerExplain(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('explain')
    .description('explain predictions: Grad-CAM (CNNs) or gradient saliency (any model) overlaid on each image, written as PNGs')
    .argument('<run>', 'run folder (runs/<id>), its model/ folder, or a model folder')
    .argument('[images...]', 'image files (PNG, JPEG)')
    .option(
      '--method <name>',
      'gradcam (CNNs; the last conv layer unless --layer), saliency, smoothgrad or ig (integrated gradients); default: gradcam for CNNs, saliency otherwise',
      choice('--method', EXPLAIN_METHODS),
    )
    .option('--class <c>', 'class to explain, index or name (e.g. 7, PNEUMONIA); default: the predicted class')
    .option('--layer <name>', 'Grad-CAM: conv layer to explain at (e.g. conv2d_2)')
    .option('--out <dir>', 'folder for the overlay PNGs (created)', 'explanations')
    .option('--test', 'explain test images of the run (with --misclassified)')
    .option('--misclassified <n>', 'with --test: the N most confident test mistakes', int('--misclassified', 1, 1000))
    .option('--invert', 'invert pixels (default for the MNIST models: when the ink is dark on light, as predict)')
    .option('--no-invert', 'never invert')
    .option('--center', 'MNIST models: centre the digit as MNIST was prepared (the default, as predict)')
    .option('--no-center', 'MNIST models: use the image as it is, only resized');
  addOptions(cmd, ['backend', 'json'])
    .addHelpText(
      'after',
      '\nWrites <image>.<method>.png per image (input | overlay, the class explained in the caption); nothing when any image, layer or class is refused. Exit codes: 2 bad flag, layer or class; 3 missing or non-image file; 6 invalid model files.\n\nExamples:\n  nnlab explain runs/…-cnn-pneumonia-… xray.jpeg --out explained\n  nnlab explain runs/…-mlp-hog-… digit.png --method smoothgrad --class 3 --json\n  nnlab explain runs/…-cnn-pneumonia-… --test --misclassified 12 --out mistakes',
    )
    .action(async (runPath: string, images: string[], o: ExplainFlags) => {
      if (!!o.test !== (o.misclassified !== undefined)) throw new UsageError('--test and --misclassified <n> go together');
      await ctx.quietTf();
      const result = await explainRun(runPath, images, {
        method: o.method,
        classArg: o.class,
        layer: o.layer,
        outDir: o.out,
        invert: o.invert,
        centerDigit: o.center,
        backend: o.backend,
        misclassified: o.misclassified,
      });
      if (o.json) {
        ctx.json(result);
        return;
      }
      ctx.out(`model: ${result.modelId} (${result.source}) · ${result.explanations.length} figure(s) in ${result.outDir} · ${result.seconds.toFixed(2)} s`);
      ctx.out(
        formatTable(
          ['image', 'predicted', 'p', 'explained', 'method', 'heat inside', 'figure'],
          result.explanations.map((e) => [
            e.source,
            e.predictedName,
            e.probabilities[e.predicted].toFixed(3),
            e.className + (e.requested ? '' : ' (pred.)'),
            e.layer ? `${e.method} @ ${e.layer}` : e.method,
            e.innerHeat === null ? 'empty map' : `${(100 * e.innerHeat).toFixed(0)} %`,
            e.figure,
          ]),
        ),
      );
    });
}
