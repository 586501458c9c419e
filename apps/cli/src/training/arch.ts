/**
 * What `--arch` names: a zoo id (`cnn-mnist`), a spec file (JSON, or the one-line text form), or
 * a text spec (`"conv(8,3x3,relu) pool(2) flatten dense(10,softmax)"`). A bad spec is a usage error
 * (exit 2) naming the file or the argument, the layer and the problem — before anything is written.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { MODEL_IDS, SpecError, parseSpec, type ModelSpec } from '@nnlab/models';
import { UsageError } from '../exit-codes';

/** A spec file larger than this is refused (specs are a few KB). */
export const MAX_SPEC_FILE_BYTES = 1 << 20;

/** `--arch` resolved: a zoo model, or a spec (named after its file when it has no name). */
export type Arch = { zoo: string; label: string } | { spec: ModelSpec; label: string };

const looksLikePath = (v: string) => /\.(json|txt|spec)$/i.test(v) || (v.includes('/') && !v.includes('('));

/** Resolves one `--arch` value. */
export function resolveArch(value: string): Arch {
  const v = value.trim();
  if ((MODEL_IDS as readonly string[]).includes(v)) return { zoo: v, label: v };
  if (existsSync(v) && !v.includes('(')) {
    if (!statSync(v).isFile()) throw new UsageError(`--arch ${v}: not a file`);
    const size = statSync(v).size;
    if (size > MAX_SPEC_FILE_BYTES) throw new UsageError(`--arch ${v}: ${size} bytes is too large for a spec file (limit ${MAX_SPEC_FILE_BYTES})`);
    let spec: ModelSpec;
    try {
      spec = parseSpec(readFileSync(v, 'utf8'));
    } catch (err) {
      if (err instanceof SpecError) throw new SpecError(`${v}: ${err.message}`);
      throw err;
    }
    const name = spec.name ?? basename(v, extname(v));
    return { spec: { ...spec, name }, label: name };
  }
  if (looksLikePath(v)) throw new UsageError(`--arch ${v}: no such file (and not a zoo id: ${MODEL_IDS.join(', ')})`);
  try {
    const spec = parseSpec(v);
    return { spec, label: spec.name ?? v };
  } catch (err) {
    if (err instanceof SpecError) throw new SpecError(`--arch: ${err.message}`);
    throw err;
  }
}
