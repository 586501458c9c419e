/**
 * `nnlab runs import <file>`: a model exported by the web app (one `.nnlab.json` file: the tfjs
 * model, its weights and its run record) becomes a run folder like `nnlab train` writes —
 * `runs/<id>/run.json` and `runs/<id>/model/` — so `runs list/show/compare`, `report` and
 * `predict` see it. The file format is read by `@nnlab/experiments` (`readModelBundle`).
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ModelFormatError } from '@nnlab/core';
import { readModelBundle } from '@nnlab/experiments';
import { runDir, saveRunRecord } from '@nnlab/experiments/node';
import { UsageError } from '../exit-codes';
import { existingRunsDir } from '../options/runs-dir';
import { addOptions } from '../options/table';
import type { CommandContext } from './context';

/** Writes the bundle's model files into `dir` (created whole or not at all). */
function writeModelFolder(dir: string, files: { modelJson: string; weights: Record<string, Uint8Array> }): void {
  const tmp = mkdtempSync(join(dirname(dir), '.model-import-'));
  try {
    writeFileSync(join(tmp, 'model.json'), files.modelJson);
    for (const [p, bytes] of Object.entries(files.weights)) writeFileSync(join(tmp, p), bytes);
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

export function registerRunsImport(program: Command, ctx: CommandContext): void {
  const runs = program.commands.find((c) => c.name() === 'runs');
  if (!runs) throw new Error('registerRunsImport: register the runs command first');
  const cmd = runs
    .command('import')
    .description('make a model exported by the web app (.nnlab.json: model, weights, run record) a run folder')
    .argument('<file>', 'the exported .nnlab.json file');
  addOptions(cmd, ['runsDir', 'json']).action((file: string, o: { runsDir?: string; json?: boolean }) => {
    const path = resolve(file);
    if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${file}: no such file`);
    const bundle = readModelBundle(readFileSync(path, 'utf8'), file);
    if (!bundle.run) throw new ModelFormatError(file, 'has no run record to import (nnlab predict reads the model in it directly)');
    const record = { ...bundle.run, modelDir: 'model', tags: { ...bundle.run.tags, importedFrom: file } };
    const dir = existingRunsDir(o.runsDir);
    if (existsSync(runDir(dir, record.id))) throw new UsageError(`run ${record.id} already exists in ${dir}`);
    const location = saveRunRecord(dir, record);
    writeModelFolder(join(runDir(dir, record.id), 'model'), bundle.files);
    if (o.json)
      ctx.json({ id: record.id, dir: runDir(dir, record.id), model: record.config.model, test: record.test ?? null, epochs: record.history.loss.length });
    else
      ctx.out(
        `imported run ${record.id} (${record.config.model}, ${record.history.loss.length} epoch(s), test accuracy ${record.test ? record.test.accuracy.toFixed(4) : '–'}) into ${location}`,
      );
  });
}
