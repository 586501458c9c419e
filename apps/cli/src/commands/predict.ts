/** `nnlab predict <run-or-model-dir> <image...>`: class and probability per image. */
import type { Command } from 'commander';
import { MODEL_IDS } from '@nnlab/models';
import { formatTable } from '../output/table';
import { predictImages } from '../predict/predict-images';
import type { CommandContext } from './context';
import { choice } from './parse';

export function registerPredict(program: Command, ctx: CommandContext): void {
  program
    .command('predict')
    .description('predict the class of images (PNG/JPEG) with a trained model: a run folder from `nnlab train`, or a model folder (model.json + weights.bin)')
    .argument('<model>', 'run folder (runs/<id>), its model/ folder, or any tfjs LayersModel folder')
    .argument('<images...>', 'image files (PNG, JPEG; grayscale or RGB, any size)')
    .option('--model-id <id>', 'zoo model the folder holds (default: from run.json, else from the input shape)', choice('--model-id', MODEL_IDS))
    .option('--invert', 'invert pixels first (dark digit on light paper → MNIST style)')
    .option('--center', 'MNIST models: crop the digit, fit it in 20×20 and centre its mass in 28×28 (as MNIST was prepared; for drawings and photos)')
    .option('--backend <name>', 'tfjs backend', choice('--backend', ['auto', 'wasm', 'cpu', 'webgpu', 'tensorflow'] as const), 'auto')
    .option('--json', 'print one JSON array')
    .addHelpText('after', '\nExamples:\n  nnlab predict runs/20261125-093012-mlp-raw-3f9a digit.png\n  nnlab predict runs/…-cnn-pneumonia-… xray1.jpeg xray2.jpeg --json')
    .action(async (modelPath: string, images: string[], o: { modelId?: string; invert?: boolean; center?: boolean; backend: 'auto'; json?: boolean }) => {
      await ctx.quietTf();
      const result = await predictImages(modelPath, images, { modelId: o.modelId, invert: o.invert, centerDigit: o.center, backend: o.backend });
      if (o.json) {
        ctx.json(result.predictions);
        return;
      }
      ctx.out(`model: ${result.modelId} (${result.source})`);
      ctx.out(
        formatTable(
          ['image', 'class', 'probability'],
          result.predictions.map((p) => [p.file, p.className, p.probability.toFixed(4)]),
        ),
      );
    });
}
