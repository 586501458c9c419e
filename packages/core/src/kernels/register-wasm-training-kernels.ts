// TEMPORARY (replaced by the wasm kernel work in progress): registers nothing yet.
export function registerWasmTrainingKernels(): string[] {
  return [];
}
