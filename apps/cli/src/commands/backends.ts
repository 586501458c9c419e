/** `nnlab backends`: which tfjs backends can run here, and why the others cannot. */
import type { Command } from 'commander';
import { listBackends } from '@nnlab/core';
import { registerNodeBackends } from '@nnlab/core/node';
import { formatTable } from '../output/table';
import type { CommandContext } from './context';

export function registerBackends(program: Command, ctx: CommandContext): void {
  program
    .command('backends')
    .description('list the tfjs backends usable on this machine (the default is marked *)')
    .option('--json', 'print one JSON object')
    .action(async (o: { json?: boolean }) => {
      await ctx.quietTf();
      registerNodeBackends();
      const list = await listBackends();
      if (o.json) {
        ctx.json({ backends: list, default: list.find((b) => b.preferred)?.name ?? null });
        return;
      }
      ctx.out(
        formatTable(
          ['backend', 'usable', 'detail'],
          list.map((b) => [`${b.name}${b.preferred ? ' *' : ''}`, b.usable ? 'yes' : 'no', b.detail ?? '']),
        ),
      );
    });
}
