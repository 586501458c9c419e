/** `nnlab runs list|show|compare`: the record of every run. */
import type { Command } from 'commander';
import { listRuns, loadRunRecord } from '@nnlab/experiments/node';
import { UsageError } from '../exit-codes';
import { compareRuns, formatCompare, formatRun, formatRunList } from '../output/run-views';
import { existingRunsDir } from '../options/runs-dir';
import { addOptions } from '../options/table';
import type { CommandContext } from './context';

export function registerRuns(program: Command, ctx: CommandContext): void {
  const runs = program.command('runs').description('list, show and compare recorded runs (runs/ or --runs-dir / NNLAB_RUNS_DIR)');
  const list = runs
    .command('list')
    .description('one line per recorded run, oldest first (interrupted runs included)')
    .option('--model <id>', 'only runs of this model');
  addOptions(list, ['runsDir', 'json']).action((o: { runsDir?: string; model?: string; json?: boolean }) => {
    const dir = existingRunsDir(o.runsDir);
    const { runs: all, problems } = listRuns(dir);
    const list = o.model ? all.filter((r) => r.record.config.model === o.model) : all;
    if (o.json) {
      ctx.json({
        runsDir: dir,
        runs: list.map((r) => ({
          id: r.record.id,
          model: r.record.config.model,
          state: r.state,
          epochs: r.record.history.loss.length,
          config: r.record.config,
          test: r.record.test ?? null,
          history: r.record.history,
          timing: r.record.timing,
          dir: r.dir,
        })),
        problems,
      });
      return;
    }
    ctx.out(formatRunList(list));
    for (const p of problems) ctx.info(`warning: skipped ${p.dir}: ${p.problem}`);
  });
  const show = runs.command('show').description('everything recorded about one run').argument('<id>', 'run id (or a unique prefix/suffix)');
  addOptions(show, ['runsDir', 'json']).action((id: string, o: { runsDir?: string; json?: boolean }) => {
    const run = findRun(existingRunsDir(o.runsDir), id);
    if (o.json) ctx.json({ ...run.record, state: run.state, dir: run.dir });
    else ctx.out(formatRun(run));
  });
  const compare = runs
    .command('compare')
    .description('runs side by side: configuration and metrics, best value per column marked *')
    .argument('<ids...>', 'run ids (or unique prefixes/suffixes)');
  addOptions(compare, ['runsDir', 'json']).action((ids: string[], o: { runsDir?: string; json?: boolean }) => {
    const dir = existingRunsDir(o.runsDir);
    const records = ids.map((id) => findRun(dir, id).record);
    if (o.json) ctx.json(compareRuns(records));
    else ctx.out(formatCompare(records));
  });
}

function findRun(dir: string, id: string) {
  try {
    return loadRunRecord(dir, id);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
