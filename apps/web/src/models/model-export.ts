/**
 * Exporting a session model in the format `nnlab` reads: `model.json` + `weights.bin` (the tfjs
 * LayersModel format written by `modelToFiles`, the same bytes the CLI writes into a run's
 * `model/` folder).
 */

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
