/**
 * `--runs-dir` when runs are read (`runs list/show/compare`, `report`): the folder of the runs
 * location rule (see `resolveRunsDir`), refused in one line when it is a file. A folder that does
 * not exist yet simply holds no runs.
 */
import { existsSync, statSync } from 'node:fs';
import { resolveRunsDir } from '@nnlab/experiments/node';
import { UsageError } from '../exit-codes';

export function existingRunsDir(given?: string): string {
  const dir = resolveRunsDir(given);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`${dir}: is a file, not a folder of run records (${given !== undefined ? '--runs-dir' : 'NNLAB_RUNS_DIR or ./runs'})`);
  }
  return dir;
}
