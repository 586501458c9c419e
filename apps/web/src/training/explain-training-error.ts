/** Turns a training failure into one line with a hint when the cause is known. */
import { errorMessage } from '../util/errors';

/** The error's message, plus what to do about it. */
export function explainTrainingError(err: unknown, backend: string | undefined): string {
  const message = errorMessage(err);
  if (/Kernel '\w+' not registered for backend 'wasm'/.test(message)) {
    return `${message} — the wasm backend cannot train CNNs yet (its training kernels are in progress): switch to webgpu, webgl or cpu`;
  }
  if (/not registered for backend/.test(message)) return `${message} — try another backend (now: ${backend ?? 'none'})`;
  return message;
}
