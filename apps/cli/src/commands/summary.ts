/**
 * `nnlab summary <model>` or `nnlab summary --arch <spec> [--dataset <name>]`: the Keras-style table
 * of a zoo model or any architecture (layers, output shapes, parameters), from the spec without
 * training anything. With `--dataset`, the input shape and the classes are the dataset's, exactly
 * as `train` would build the model.
 */
import type { Command } from 'commander';
import { planExperiment } from '@nnlab/experiments';
import { formatSpec, formatSummary, getZooEntry, MODEL_IDS, summarizeModel, type HiddenActivation, type ModelSpec } from '@nnlab/models';
import { UsageError } from '../exit-codes';
import { int } from '../options/parsers';
import { addOptions } from '../options/table';
import { resolveArch } from '../training/arch';
import type { CommandContext } from './context';

interface SummaryFlags {
  arch?: string;
  dataset?: string;
  hidden?: number[];
  activation?: HiddenActivation;
  imageSize?: number;
  inputSize?: number;
  json?: boolean;
}

export function registerSummary(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('summary')
    .description('print the Keras-style summary of a zoo model or an architecture (layers, output shapes, parameters)')
    .argument('[model]', `zoo model: ${MODEL_IDS.join(', ')} (or give --arch)`);
  addOptions(cmd, ['arch', 'dataset', 'hidden', 'activation', 'imageSize']).option('--input-size <n>', 'input features of the MLPs', int('--input-size'));
  addOptions(cmd, ['json'])
    .addHelpText(
      'after',
      '\nExamples:\n  nnlab summary mlp-raw\n  nnlab summary cnn-pneumonia --image-size 64 --json\n  nnlab summary --arch "conv(8,3x3,relu) pool(2) flatten dense(10,softmax)" --dataset mnist\n  nnlab summary --arch my-cnn.json',
    )
    .action(async (model: string | undefined, o: SummaryFlags) => {
      if (model && o.arch) throw new UsageError(`give either a zoo model ('${model}') or --arch, not both`);
      if (!model && !o.arch) throw new UsageError(`give a zoo model (${MODEL_IDS.join(', ')}) or --arch <spec>`);
      const arch = o.arch ? resolveArch(o.arch) : { zoo: model!, label: model! };
      const zooId = 'zoo' in arch ? arch.zoo : undefined;
      const entry = zooId ? getZooEntry(zooId) : undefined;
      const args = { hidden: o.hidden, activation: o.activation, imageSize: o.imageSize, inputSize: o.inputSize };
      let spec: ModelSpec;
      if ('spec' in arch && !o.dataset) {
        spec = arch.spec;
      } else if (entry && !o.dataset) {
        spec = entry.specFor(args);
      } else {
        const { inputSize: _unused, ...knobs } = args;
        spec = planExperiment({ zoo: zooId, spec: 'spec' in arch ? arch.spec : undefined, args: zooId ? knobs : undefined, dataset: o.dataset }).spec;
      }
      const summary = summarizeModel(spec);
      const text = formatSpec({ ...spec, training: undefined });
      if (o.json) {
        ctx.json({ model: entry?.id ?? spec.name ?? 'custom', description: entry?.description, arch: text, spec, ...summary });
      } else {
        ctx.out(`${entry ? `${entry.title}: ${entry.description}` : (spec.name ?? 'custom architecture')}\n${text}\n\n${formatSummary(summary)}`);
        ctx.out('\nParameters per layer:');
        for (const r of summary.rows) if (r.params > 0) ctx.out(`  ${r.name.padEnd(16)} ${r.arithmetic} = ${r.params.toLocaleString('en-US')}`);
      }
    });
}
