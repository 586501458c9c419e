/** `nnlab backends`: which tfjs backends can run here and why the others cannot, and the native engine. */
import type { Command } from 'commander';
import { listBackends } from '@nnlab/core';
import { registerNodeBackends } from '@nnlab/core/node';
import { nativeEngineStatus } from '@nnlab/native/node';
import { formatTable } from '../output/table';
import { tableOption } from '../options/table';
import type { CommandContext } from './context';

export function registerBackends(program: Command, ctx: CommandContext): void {
  program
    .command('backends')
    .description('list the tfjs backends usable on this machine (the default is marked *) and the native oneDNN engine')
    .addOption(tableOption('json'))
    .action(async (o: { json?: boolean }) => {
      await ctx.quietTf();
      registerNodeBackends();
      const list = await listBackends();
      const native = nativeEngineStatus();
      if (o.json) {
        ctx.json({ backends: list, default: list.find((b) => b.preferred)?.name ?? null, native });
        return;
      }
      ctx.out(
        formatTable(
          ['backend', 'usable', 'detail'],
          list.map((b) => [`${b.name}${b.preferred ? ' *' : ''}`, b.usable ? 'yes' : 'no', b.detail ?? '']),
        ),
      );
      ctx.out('');
      ctx.out(
        formatTable(
          ['engine', 'usable', 'detail'],
          [
            native.available
              ? [
                  'native *',
                  'yes',
                  `oneDNN ${native.version}, ISA ${native.isa}, threads: ${native.maxThreads} for convolutions or ≥ 1 MFLOP/sample, else 1; layers: ${native.layerKinds.join(', ')}`,
                ]
              : ['native', 'no', native.reason],
          ],
        ),
      );
    });
}
