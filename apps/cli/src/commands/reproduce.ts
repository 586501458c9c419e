/**
 * `nnlab reproduce [--quick] [--out DIR]`: trains the practical's four experiments with the
 * course settings on the embedded data, records every run, and writes `report.md` and a
 * self-contained `report.html` answering the practical's questions from those records.
 * `nnlab report` rebuilds the report from runs already recorded.
 */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { BackendName } from '@nnlab/core';
import type { RunRecord } from '@nnlab/experiments';
import { listRuns, loadRunRecord, resolveRunsDir } from '@nnlab/experiments/node';
import { createProgressBar } from '../output/progress-bar';
import { EXPERIMENTS, type ExperimentId } from '../report/experiments';
import { writeReport } from '../report/write-report';
import { trainRun } from '../training/train-run';
import { resolveWasmThreads, WASM_THREADS_HELP } from '../training/wasm-threads-policy';
import { UsageError } from '../exit-codes';
import type { CommandContext } from './context';
import { choice, int } from '../options/parsers';
import { BACKEND_CHOICES } from './train';

interface ReproduceFlags {
  quick?: boolean;
  out: string;
  runsDir?: string;
  xrayDir?: string;
  backend: BackendName | 'auto';
  seed: number;
  threads?: number;
  only?: string;
  json?: boolean;
}

export function registerReproduce(program: Command, ctx: CommandContext): void {
  program
    .command('reproduce')
    .description("train the practical's four experiments with the course settings, record every run, and write report.md + report.html answering its questions")
    .option('--quick', 'trimmed epochs and data: the whole report in a few minutes (numbers below the course figures)')
    .option('--out <dir>', 'report folder', 'nnlab-report')
    .option('--runs-dir <dir>', 'where run records go (default: <out>/runs)')
    .option('--xray-dir <dir>', 'train the pneumonia CNN on a Kaggle chest_xray folder instead of the embedded PneumoniaMNIST')
    .option('--backend <name>', 'tfjs backend', choice('--backend', BACKEND_CHOICES), 'auto')
    .option('--seed <n>', 'seed of every run', int('--seed', 0, 2 ** 31 - 1), 0)
    .option('--threads <n>', WASM_THREADS_HELP, int('--threads', 1, 8))
    .option('--only <ids>', 'comma-separated subset of mlp-raw,mlp-hog,cnn-mnist,cnn-pneumonia')
    .option('--json', 'print one JSON object at the end (no progress output)')
    .addHelpText('after', '\nExamples:\n  nnlab reproduce --quick\n  nnlab reproduce --out report --xray-dir ~/data/chest_xray')
    .action(async (f: ReproduceFlags) => {
      await ctx.quietTf();
      const out = resolve(f.out);
      const runsDir = resolve(f.runsDir ?? join(out, 'runs'));
      const only = f.only ? f.only.split(',').map((s) => s.trim()) : undefined;
      for (const id of only ?? []) if (!EXPERIMENTS.some((e) => e.id === id)) throw new UsageError(`--only: unknown experiment '${id}'`);
      const runs: Partial<Record<ExperimentId, RunRecord>> = {};
      const rationale: Record<string, string> = {};
      const t0 = performance.now();
      // One wasm thread count for the whole command, chosen for its largest model.
      const threads = await resolveWasmThreads(
        f.threads,
        EXPERIMENTS.filter((e) => !only || only.includes(e.id)).map((e) => ({ id: e.id })),
      );
      for (const exp of EXPERIMENTS) {
        if (only && !only.includes(exp.id)) continue;
        const settings = f.quick ? exp.quick : exp.full;
        rationale[exp.id] = f.quick ? `quick mode: ${exp.quickNote} (the full run uses ${exp.rationale})` : exp.rationale;
        if (!f.json) ctx.info(`\n== ${exp.id} (${f.quick ? exp.quickNote : `${settings.epochs} epochs`}) ==`);
        const { record } = await trainRun(
          {
            model: exp.id,
            backend: f.backend,
            seed: f.seed,
            threads,
            runsDir,
            ...settings,
            ...(exp.id === 'cnn-pneumonia' && f.xrayDir ? { data: f.xrayDir, limit: f.quick ? settings.limit : undefined } : {}),
            tags: { reproduce: f.quick ? 'quick' : 'full' },
            argv: process.argv.slice(2),
          },
          { onEvent: f.json ? undefined : createProgressBar(), onInfo: f.json ? undefined : ctx.info },
        );
        runs[exp.id] = record;
        if (!f.json) ctx.info(`${exp.id}: test accuracy ${record.test?.accuracy.toFixed(4)}`);
      }
      if (!f.json) ctx.info('\nwriting the report…');
      const report = await writeReport(out, { runs, epochRationale: rationale, quick: !!f.quick, runsDir, onInfo: f.json ? undefined : ctx.info });
      const seconds = (performance.now() - t0) / 1000;
      if (f.json) {
        ctx.json({
          out,
          report: report.markdown,
          html: report.html,
          figures: report.figures,
          seconds,
          runs: Object.fromEntries(Object.entries(runs).map(([id, r]) => [id, { id: r!.id, test: r!.test ? { accuracy: r!.test.accuracy, loss: r!.test.loss } : null }])),
        });
      } else {
        ctx.out(`\nreport: ${report.markdown}\n        ${report.html}\n(${report.figures.length} figures, ${seconds.toFixed(0)} s)`);
      }
    });

  program
    .command('report')
    .description('rebuild report.md + report.html from recorded runs (the newest complete run of each model, or the runs given)')
    .argument('[ids...]', 'run ids to use (default: newest complete run per model)')
    .option('--runs-dir <dir>', 'folder of run records')
    .option('--out <dir>', 'report folder', 'nnlab-report')
    .option('--json', 'print one JSON object')
    .action(async (ids: string[], f: { runsDir?: string; out: string; json?: boolean }) => {
      const dir = resolveRunsDir(f.runsDir);
      const runs: Partial<Record<ExperimentId, RunRecord>> = {};
      if (ids.length) {
        for (const id of ids) {
          const r = loadRunRecord(dir, id).record;
          runs[r.config.model as ExperimentId] = r;
        }
      } else {
        for (const { record, state } of listRuns(dir).runs) if (state === 'complete') runs[record.config.model as ExperimentId] = record;
      }
      if (Object.keys(runs).length === 0) throw new UsageError(`no complete runs in ${dir}`);
      const report = await writeReport(resolve(f.out), { runs, quick: false, runsDir: dir, onInfo: f.json ? undefined : ctx.info });
      if (f.json) ctx.json({ report: report.markdown, html: report.html, figures: report.figures, runs: Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, r!.id])) });
      else ctx.out(`report: ${report.markdown}\n        ${report.html}`);
    });
}
