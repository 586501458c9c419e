/**
 * Exporting a session model in the format `nnlab` reads: `model.json` + `weights.bin` (the tfjs
 * LayersModel format written by `modelToFiles`, the same bytes the CLI writes into a run's
 * `model/` folder).
 */
import { WEIGHTS_FILE_NAME, modelToFiles } from '@nnlab/core';
import type { LayersModel } from './layers-model';

/** The two files to download. */
export interface ExportedFiles {
  modelJson: Blob;
  weights: Blob;
}

/** Serialises the model. */
export async function exportModelFiles(model: LayersModel): Promise<ExportedFiles> {
  const files = await modelToFiles(model);
  return {
    modelJson: new Blob([files.modelJson], { type: 'application/json' }),
    weights: new Blob([files.weights[WEIGHTS_FILE_NAME] as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
  };
}

/** Starts a download of `blob` as `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
