/**
 * One file for one trained model: the tfjs LayersModel files (`model.json` and its weights,
 * base64) with the run record that made it — what the web app exports, `nnlab runs import` turns
 * back into a run folder and `nnlab predict` reads. Browser-safe (no Buffer): both hosts share it.
 *
 * Layout (JSON): `{ format: 'nnlab-model', version: 1, label?, modelJson, weights: { path: base64 }, run? }`.
 */
import { ModelFormatError, parseModelJson, type ModelFiles } from '@nnlab/core';
import { isRunRecord, type RunRecord } from './run-record';

/** The `format` field of a bundle. */
export const MODEL_BUNDLE_FORMAT = 'nnlab-model';
/** The bundle layout's version. */
export const MODEL_BUNDLE_VERSION = 1;
/** The file ending the web app gives bundles. */
export const MODEL_BUNDLE_EXTENSION = '.nnlab.json';

/** A bundle's contents. */
export interface ModelBundle {
  files: ModelFiles;
  /** The run that trained it (config, history, test metrics), when known. */
  run?: RunRecord;
  /** A name for people (the web app's session label). */
  label?: string;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

function fromBase64(text: string, source: string, path: string): Uint8Array {
  let raw: string;
  try {
    raw = atob(text);
  } catch {
    throw new ModelFormatError(source, `weights '${path}' are not valid base64`);
  }
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** The bundle as JSON text. */
export function writeModelBundle(bundle: ModelBundle): string {
  const weights = Object.fromEntries(Object.entries(bundle.files.weights).map(([p, b]) => [p, toBase64(b)]));
  return JSON.stringify({
    format: MODEL_BUNDLE_FORMAT,
    version: MODEL_BUNDLE_VERSION,
    label: bundle.label,
    modelJson: JSON.parse(bundle.files.modelJson),
    weights,
    run: bundle.run,
  });
}

/** True when `text` looks like a bundle (a JSON object with the bundle's format tag). */
export function isModelBundleText(text: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"nnlab-model"/.test(text);
}

/**
 * Reads a bundle; `source` names the file in errors. Checks the tag and version, the model.json
 * (and that every weights file it names is there, with the size its manifest says), and the run
 * record's shape. Throws `ModelFormatError` with one line naming the problem.
 */
export function readModelBundle(text: string, source: string): ModelBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ModelFormatError(source, `not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const o = raw as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || o.format !== MODEL_BUNDLE_FORMAT)
    throw new ModelFormatError(source, `not an nnlab model file (no "format": "${MODEL_BUNDLE_FORMAT}")`);
  if (o.version !== MODEL_BUNDLE_VERSION)
    throw new ModelFormatError(source, `model file version ${String(o.version)} is not supported (this nnlab reads version ${MODEL_BUNDLE_VERSION})`);
  if (typeof o.modelJson !== 'object' || o.modelJson === null) throw new ModelFormatError(source, '"modelJson" is missing');
  if (typeof o.weights !== 'object' || o.weights === null) throw new ModelFormatError(source, '"weights" is missing');
  const modelJson = JSON.stringify(o.modelJson);
  const parsed = parseModelJson(modelJson, source);
  const weightsIn = o.weights as Record<string, unknown>;
  const weights: Record<string, Uint8Array> = {};
  for (const p of parsed.paths) {
    const b64 = weightsIn[p];
    if (typeof b64 !== 'string') throw new ModelFormatError(source, `weights '${p}' named by model.json are missing`);
    weights[p] = fromBase64(b64, source, p);
  }
  const total = Object.values(weights).reduce((s, w) => s + w.byteLength, 0);
  if (total !== parsed.totalBytes) throw new ModelFormatError(source, `weights hold ${total} bytes but model.json describes ${parsed.totalBytes}`);
  if (o.run !== undefined && o.run !== null && !isRunRecord(o.run)) throw new ModelFormatError(source, '"run" is not a valid run record');
  return { files: { modelJson, weights }, run: (o.run ?? undefined) as RunRecord | undefined, label: typeof o.label === 'string' ? o.label : undefined };
}
