// PneumoniaMNIST on Node: resolve the `.npz` (explicit → env → vendored reassembled file → cache →
// the official file downloaded from Zenodo, verified by its published MD5), then parse it.
import { PNEUMONIAMNIST_FILE_NAME } from '../known-files';
import { pneumoniaMnistFromNpz, type PneumoniaMnist } from '../pneumonia-mnist';
import { readDataFile } from './read-data-file';
import { resolveDataFile, type ResolveDataFileOptions, type ResolvedFile } from './resolve-data-file';

/** Options of {@link loadPneumoniaMnist}: those of the resolver (`path`: an `.npz` or a folder). */
export type LoadPneumoniaMnistOptions = ResolveDataFileOptions;

/** The three splits plus the file they came from. */
export interface LoadedPneumoniaMnist extends PneumoniaMnist {
  file: ResolvedFile;
}

/** Finds, verifies and parses PneumoniaMNIST (`pneumoniamnist/pneumoniamnist_reassembled.npz`). */
export async function loadPneumoniaMnist(options: LoadPneumoniaMnistOptions = {}): Promise<LoadedPneumoniaMnist> {
  const file = await resolveDataFile(PNEUMONIAMNIST_FILE_NAME, options);
  const splits = pneumoniaMnistFromNpz(readDataFile(file.path), file.path);
  return { ...splits, file };
}
