/**
 * `nnlab predict` on a web app export (`.nnlab.json`): the bundle's model files are written to a
 * temporary folder (removed when the process exits) and read from there like any model folder;
 * the bundle's run record gives the zoo model and input pipeline, as a run folder's does.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { isModelBundleText, readModelBundle, type RunRecord } from '@nnlab/experiments';

/** The model folder and run record of a bundle file, or undefined when `path` is not one. */
export function bundleFolder(path: string): { modelDir: string; record?: RunRecord } | undefined {
  if (!path.toLowerCase().endsWith('.json')) return undefined;
  const text = readFileSync(path, 'utf8');
  if (!isModelBundleText(text)) return undefined;
  const bundle = readModelBundle(text, path);
  const dir = mkdtempSync(join(os.tmpdir(), 'nnlab-bundle-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'model.json'), bundle.files.modelJson);
  for (const [p, bytes] of Object.entries(bundle.files.weights)) writeFileSync(join(dir, p), bytes);
  return { modelDir: dir, record: bundle.run };
}
