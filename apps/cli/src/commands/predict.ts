/** `nnlab predict <run-or-model-dir> <image...>`: class and probability per image. */
import type { Command } from 'commander';
import { addOptions } from '../options/table';
import { formatTable } from '../output/table';
import { describeApplied, predictImages } from '../predict/predict-images';
import type { CommandContext } from './context';

interface PredictFlags {
  modelId?: string;
  invert?: boolean;
  center?: boolean;
  backend: 'auto';
  json?: boolean;
}

export function registerPredict(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('predict')
    .description('predict the class of images (PNG/JPEG) with a trained model: a run folder from `nnlab train`, or a model folder (model.json + weights.bin)')
    .argument('<model>', 'run folder (runs/<id>), its model/ folder, any tfjs LayersModel folder, or a web app export (.nnlab.json)')
    .argument('<images...>', 'image files (PNG, JPEG; grayscale or RGB, any size)')
    .option('--invert', 'invert pixels (default for the MNIST models: when the ink is dark on a light background, detected from the border)')
    .option('--no-invert', 'never invert')
    .option('--center', 'MNIST models: crop the digit, fit it in 20×20 and centre its mass in 28×28, as MNIST was prepared (the default)')
    .option('--no-center', 'MNIST models: use the image as it is, only resized');
  addOptions(cmd, ['modelId', 'backend', 'json'])
    .addHelpText(
      'after',
      '\nEach image says what was applied (inverted or not and why, centred). Exit codes: 3 for an image that is missing or not an image, 6 for invalid model files.\n\nExamples:\n  nnlab predict runs/20261125-093012-mlp-raw-3f9a digit.png\n  nnlab predict runs/…-cnn-pneumonia-… xray1.jpeg xray2.jpeg --json',
    )
    .action(async (modelPath: string, images: string[], o: PredictFlags) => {
      await ctx.quietTf();
      const result = await predictImages(modelPath, images, { modelId: o.modelId, invert: o.invert, centerDigit: o.center, backend: o.backend });
      if (o.json) {
        ctx.json(result.predictions);
        return;
      }
      ctx.out(`model: ${result.modelId} (${result.source})`);
      ctx.out(
        formatTable(
          ['image', 'class', 'probability', 'applied'],
          result.predictions.map((p) => [p.file, p.className, p.probability.toFixed(4), describeApplied(p.applied)]),
        ),
      );
    });
}
