/**
 * The native engine in the CLI: registered once before any command that computes (so `fit` and
 * `evaluateModel` can pick it by the engine rule), with one line on stderr when it is unavailable
 * (then everything runs on wasm). NNLAB_REQUIRE_NATIVE=1 makes that an error (exit code of an
 * unavailable backend).
 */
import { registerNativeEngine, type NativeEngineStatus } from '@nnlab/native/node';

let status: NativeEngineStatus | undefined;

/** Registers the native engine (once) and says once when it is unavailable. */
export function useNativeEngine(notice: (line: string) => void = (l) => process.stderr.write(l + '\n')): NativeEngineStatus {
  if (status) return status;
  status = registerNativeEngine();
  if (!status.available) notice(`nnlab: native engine unavailable (${status.reason}); training and inference run on wasm`);
  return status;
}

/** Commands that train or run models (the others never load the addon). */
export const COMPUTING_COMMANDS: readonly string[] = ['train', 'sweep', 'reproduce', 'predict', 'explain', 'bench'];
