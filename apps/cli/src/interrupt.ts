/**
 * Ctrl-C for the whole CLI. A command that can stop cleanly asks for `stopSignal()`: the first
 * Ctrl-C then aborts that signal (training stops after the current step, the record says
 * `interrupted`, exit 130) and a second Ctrl-C exits at once. Any other command exits 130 on the
 * first Ctrl-C. Exiting goes through `process.exit`, so every `exit` handler runs and temporary
 * files (the wasm threads' worker script folder) are always removed.
 */
import { InterruptedError } from '@nnlab/core';

export interface Interrupt {
  /** The command stops cleanly on this signal (the first Ctrl-C aborts it). */
  stopSignal(): AbortSignal;
  /** Removes the handler. */
  dispose(): void;
}

/** Installs the SIGINT handler of one CLI invocation. */
export function installInterrupt(write: (text: string) => void = (t) => process.stderr.write(t)): Interrupt {
  const controller = new AbortController();
  let graceful = false;
  let presses = 0;
  const onSigint = () => {
    presses++;
    if (presses === 1 && graceful) {
      write('\nnnlab: stopping after the current step (Ctrl-C again to quit at once)…\n');
      controller.abort(new InterruptedError('interrupted by Ctrl-C'));
      return;
    }
    write('\nnnlab: interrupted\n');
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  return {
    stopSignal() {
      graceful = true;
      return controller.signal;
    },
    dispose: () => process.off('SIGINT', onSigint),
  };
}
