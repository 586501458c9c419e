/** `nnlab summary <model>`: the Keras-style table of a zoo model. */
import type { Command } from 'commander';
import { buildZooModel, formatSummary, getZooEntry, MODEL_IDS, summarizeModel, type HiddenActivation } from '@nnlab/models';
import { HIDDEN_ACTIVATIONS } from '@nnlab/models';
import { choice, int, intList } from '../options/parsers';
import type { CommandContext } from './context';

export function registerSummary(program: Command, ctx: CommandContext): void {
  program
    .command('summary')
    .description('print the Keras-style summary of a zoo model (layers, output shapes, parameters)')
    .argument('<model>', `zoo model: ${MODEL_IDS.join(', ')}`)
    .option('--hidden <units>', 'hidden dense units, comma-separated (e.g. 32 or 32,16)', intList('--hidden'))
    .option('--activation <name>', 'hidden activation', choice('--activation', HIDDEN_ACTIVATIONS))
    .option('--image-size <px>', 'square input side of the CNNs', int('--image-size', 4, 4096))
    .option('--input-size <n>', 'input features of the MLPs', int('--input-size'))
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nExamples:\n  nnlab summary mlp-raw\n  nnlab summary cnn-pneumonia --image-size 64 --json')
    .action(async (id: string, o: { hidden?: number[]; activation?: HiddenActivation; imageSize?: number; inputSize?: number; json?: boolean }) => {
      const entry = getZooEntry(id);
      await ctx.quietTf();
      const model = buildZooModel(id, { hidden: o.hidden, activation: o.activation, imageSize: o.imageSize, inputSize: o.inputSize });
      const summary = summarizeModel(model);
      model.dispose();
      if (o.json) {
        ctx.json({ model: entry.id, description: entry.description, ...summary });
      } else {
        ctx.out(`${entry.title}: ${entry.description}\n\n${formatSummary(summary)}`);
        ctx.out('\nParameters per layer:');
        for (const r of summary.rows) if (r.params > 0) ctx.out(`  ${r.name.padEnd(16)} ${r.arithmetic} = ${r.params.toLocaleString('en-US')}`);
      }
    });
}
