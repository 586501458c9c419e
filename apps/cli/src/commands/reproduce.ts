/**
 * `nnlab reproduce [--quick] [--search] [--out DIR]`: trains the practical's four experiments with
 * the course settings on the embedded data, records every run (one reproduce set, tagged), and
 * writes `report.md` and a self-contained `report.html` answering the practical's questions from
 * those records. `--search` adds the recorded course-figures search (search.ts).
 * `nnlab report` rebuilds the report from recorded runs: the newest reproduce set, or `--runs`.
 * Runs live where every command keeps them: --runs-dir, else NNLAB_RUNS_DIR, else ./runs.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { BackendName } from '@nnlab/core';
import type { RunRecord } from '@nnlab/experiments';
import { listRuns } from '@nnlab/experiments/node';
import { UsageError } from '../exit-codes';
import { int, listOf, path } from '../options/parsers';
import { existingRunsDir } from '../options/runs-dir';
import { addOptions } from '../options/table';
import { createProgressBar } from '../output/progress-bar';
import { EXPERIMENTS, type ExperimentId } from '../report/experiments';
import { selectRuns } from '../report/run-selection';
import { searchSection } from '../report/search-section';
import { writeReport } from '../report/write-report';
import { runSearch, SEARCH_DURATION_NOTE } from '../training/search';
import { trainRun } from '../training/train-run';
import { resolveWasmThreads } from '../training/wasm-threads-policy';
import type { CommandContext } from './context';

interface ReproduceFlags {
  quick?: boolean;
  search?: boolean;
  limit?: number;
  out: string;
  runsDir?: string;
  xrayDir?: string;
  backend: BackendName | 'auto';
  seed: number;
  threads?: number;
  only?: string;
  json?: boolean;
}

const allRunsIn = (dir: string): RunRecord[] => listRuns(dir).runs.map((r) => r.record);

export function registerReproduce(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('reproduce')
    .description("train the practical's four experiments with the course settings, record every run, and write report.md + report.html answering its questions")
    .option('--quick', 'trimmed epochs and data: the whole report in a few minutes (numbers below the course figures)')
    .option(
      '--search',
      `also run the recorded course-figures search (epochs, batch size, learning rate and a few architectures per experiment; ${SEARCH_DURATION_NOTE})`,
    )
    .option('--limit <n>', 'with --search: train every search point on the first N training images (a smoke test of the search)', int('--limit', 1))
    .option('--out <dir>', 'report folder', path('--out'), 'nnlab-report')
    .option('--xray-dir <dir>', 'train the pneumonia CNN on a Kaggle chest_xray folder instead of the embedded PneumoniaMNIST', path('--xray-dir'))
    .option('--only <ids>', 'comma-separated subset of mlp-raw,mlp-hog,cnn-mnist,cnn-pneumonia');
  addOptions(cmd, ['runsDir', 'backend', 'seed', 'threads', 'json'])
    .addHelpText('after', '\nExamples:\n  nnlab reproduce --quick\n  nnlab reproduce --search\n  nnlab reproduce --out report --xray-dir ~/data/chest_xray')
    .action(async (f: ReproduceFlags) => {
      const out = resolve(f.out);
      const runsDir = existingRunsDir(f.runsDir);
      const only = f.only ? f.only.split(',').map((s) => s.trim()) : undefined;
      for (const id of only ?? []) if (!EXPERIMENTS.some((e) => e.id === id)) throw new UsageError(`--only: unknown experiment '${id}'`);
      if (f.limit !== undefined && !f.search) throw new UsageError('--limit applies to --search only (reproduce --quick trims the runs itself)');
      await ctx.quietTf();
      const runs: Partial<Record<ExperimentId, RunRecord>> = {};
      const rationale: Record<string, string> = {};
      const t0 = performance.now();
      const mode = f.quick ? 'quick' : 'full';
      const setId = `reproduce-${mode}-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
      const selected = EXPERIMENTS.filter((e) => !only || only.includes(e.id));
      // One wasm thread count for the whole command, chosen for its largest model.
      const threads = await resolveWasmThreads(
        f.threads,
        selected.map((e) => ({ id: e.id })),
      );
      const signal = ctx.stopSignal();
      for (const exp of selected) {
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
            tags: { reproduce: mode, reproduceSet: setId },
            argv: process.argv.slice(2),
          },
          { onEvent: f.json ? undefined : createProgressBar(), onInfo: f.json ? undefined : ctx.info, signal },
        );
        runs[exp.id] = record;
        if (!f.json) ctx.info(`${exp.id}: test accuracy ${record.test?.accuracy.toFixed(4)}`);
      }
      let searchId: string | undefined;
      if (f.search) {
        searchId = await runSearch({ only, limit: f.limit, backend: f.backend, seed: f.seed, threads, runsDir, signal, json: !!f.json, info: ctx.info });
      }
      if (!f.json) ctx.info('\nwriting the report…');
      const allRuns = allRunsIn(runsDir);
      const report = await writeReport(out, {
        runs,
        epochRationale: rationale,
        quick: !!f.quick,
        generatedBy: `nnlab ${process.argv.slice(2).join(' ')}`,
        rule: `the runs this \`nnlab reproduce${f.quick ? ' --quick' : ''}\` just trained (set \`${setId}\` in ${runsDir})`,
        allRuns,
        extraSections: searchId ? (b) => searchSection(b, allRuns, searchId!) : undefined,
        runsDir,
        onInfo: f.json ? undefined : ctx.info,
      });
      const seconds = (performance.now() - t0) / 1000;
      if (f.json) {
        ctx.json({
          out,
          runsDir,
          set: setId,
          search: searchId ?? null,
          report: report.markdown,
          html: report.html,
          figures: report.figures,
          seconds,
          runs: Object.fromEntries(
            Object.entries(runs).map(([id, r]) => [id, { id: r!.id, test: r!.test ? { accuracy: r!.test.accuracy, loss: r!.test.loss } : null }]),
          ),
        });
      } else {
        ctx.out(
          `\nreport: ${report.markdown}\n        ${report.html}\nruns:   ${runsDir} (set ${setId})\n(${report.figures.length} figures, ${seconds.toFixed(0)} s)`,
        );
      }
    });

  const report = program
    .command('report')
    .description(
      'rebuild report.md + report.html from recorded runs only: the newest `nnlab reproduce` set, or the runs given with --runs; the report says which runs it used and why',
    )
    .argument('[ids...]', 'run ids to use (same as --runs)')
    .option('--runs <ids>', 'comma-separated run ids (or unique prefixes/suffixes), one per experiment', listOf('--runs', path('--runs')))
    .option('--out <dir>', 'report folder', path('--out'), 'nnlab-report');
  addOptions(report, ['runsDir', 'json'])
    .addHelpText('after', '\nExamples:\n  nnlab report\n  nnlab report --runs 20261202-101500-mlp-raw-3f9a,20261202-102000-custom-a1b2')
    .action(async (ids: string[], f: { runs?: string[]; runsDir?: string; out: string; json?: boolean }) => {
      await ctx.quietTf(); // the explanation figures run the runs' models
      const dir = existingRunsDir(f.runsDir);
      const listed = listRuns(dir);
      for (const p of listed.problems) if (!f.json) ctx.info(`warning: skipped ${p.dir}: ${p.problem}`);
      const chosen = [...ids, ...(f.runs ?? [])];
      const selection = selectRuns(listed.runs, chosen, dir);
      const allRuns = listed.runs.map((r) => r.record);
      const search = [...allRuns].reverse().find((r) => r.tags?.search)?.tags?.search;
      const written = await writeReport(resolve(f.out), {
        runs: selection.runs,
        quick: selection.quick,
        generatedBy: `nnlab report${chosen.length ? ` --runs ${chosen.join(',')}` : ''}`,
        rule: selection.rule,
        allRuns,
        extraSections: search ? (b) => searchSection(b, allRuns, search) : undefined,
        runsDir: dir,
        onInfo: f.json ? undefined : ctx.info,
      });
      const used = Object.fromEntries(Object.entries(selection.runs).map(([k, r]) => [k, r!.id]));
      if (f.json) ctx.json({ report: written.markdown, html: written.html, figures: written.figures, rule: selection.rule, runs: used });
      else ctx.out(`report: ${written.markdown}\n        ${written.html}\nruns:   ${Object.values(used).join(', ')}\n        (${selection.rule})`);
    });
}
