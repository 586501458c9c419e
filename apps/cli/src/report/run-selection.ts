/**
 * Which runs a report shows, by an explicit rule, and the words that say so in the report:
 *  - `--runs id,…`: exactly those runs (each slot takes the run given for it);
 *  - otherwise the reproduce set: the runs of the newest `nnlab reproduce` invocation (tagged with
 *    its set id), the newest complete run of each experiment in it.
 * Runs are placed in the four experiment slots by what they trained: the zoo id, or for another
 * architecture the data and input it read (raw pixels, HOG, MNIST images, X-rays).
 */
import type { RunRecord } from '@nnlab/experiments';
import type { ListedRun } from '@nnlab/experiments/node';
import { UsageError } from '../exit-codes';
import type { ExperimentId } from './experiments';

/** The experiment slot a run belongs to (undefined: none of the four). */
export function experimentOf(r: RunRecord): ExperimentId | undefined {
  const m = r.config.model;
  if (m === 'mlp-raw' || m === 'mlp-hog' || m === 'cnn-mnist' || m === 'cnn-pneumonia') return m;
  switch (r.config.input?.input) {
    case 'mnist-pixels':
      return 'mlp-raw';
    case 'mnist-hog':
      return 'mlp-hog';
    case 'mnist-image':
      return 'cnn-mnist';
    case 'xray-image':
      return 'cnn-pneumonia';
    default:
      return undefined;
  }
}

/** The runs chosen and why. */
export interface RunSelection {
  runs: Partial<Record<ExperimentId, RunRecord>>;
  /** One sentence for the report: the rule that chose these runs. */
  rule: string;
  /** True when any chosen run is a `reproduce --quick` run. */
  quick: boolean;
}

/** The reproduce set a run belongs to (older records: one set per mode). */
const setOf = (r: RunRecord): string | undefined => r.tags?.reproduceSet ?? (r.tags?.reproduce ? `reproduce ${r.tags.reproduce} (before set ids)` : undefined);

/** Chooses the report's runs from `listed` (all runs of the runs folder). */
export function selectRuns(listed: readonly ListedRun[], ids: readonly string[], runsDir: string): RunSelection {
  const runs: Partial<Record<ExperimentId, RunRecord>> = {};
  if (ids.length) {
    for (const id of ids) {
      const exact = listed.filter((l) => l.record.id === id);
      const match = exact.length ? exact : listed.filter((l) => l.record.id.startsWith(id) || l.record.id.endsWith(id));
      if (match.length !== 1)
        throw new UsageError(`--runs: ${match.length ? `'${id}' is ambiguous (${match.map((m) => m.record.id).join(', ')})` : `no run '${id}' in ${runsDir}`}`);
      const r = match[0].record;
      const slot = experimentOf(r);
      if (!slot) throw new UsageError(`--runs: run ${r.id} trained on data none of the four experiments use`);
      if (runs[slot]) throw new UsageError(`--runs: ${runs[slot]!.id} and ${r.id} are both ${slot} runs; give one per experiment`);
      runs[slot] = r;
    }
    const chosen = Object.values(runs) as RunRecord[];
    return { runs, rule: `the runs given with \`--runs\` (${chosen.map((r) => r.id).join(', ')})`, quick: chosen.some((r) => r.tags?.reproduce === 'quick') };
  }
  const complete = listed.filter((l) => l.state === 'complete' && setOf(l.record));
  if (complete.length === 0) {
    throw new UsageError(`no complete \`nnlab reproduce\` runs in ${runsDir}: run \`nnlab reproduce --quick\`, or choose runs with --runs id,…`);
  }
  const newest = complete.reduce((a, b) => (b.record.createdAt > a.record.createdAt ? b : a));
  const set = setOf(newest.record)!;
  for (const { record } of complete) {
    if (setOf(record) !== set) continue;
    const slot = experimentOf(record);
    if (slot && (!runs[slot] || record.createdAt > runs[slot]!.createdAt)) runs[slot] = record;
  }
  const quick = newest.record.tags?.reproduce === 'quick';
  return {
    runs,
    rule: `the reproduce set: the runs of the newest \`nnlab reproduce${quick ? ' --quick' : ''}\` in ${runsDir} (set \`${set}\`), the newest complete run of each experiment in it; \`nnlab report --runs id,…\` chooses others`,
    quick,
  };
}
