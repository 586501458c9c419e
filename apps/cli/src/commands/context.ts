/** What every command gets: output helpers that respect `--json`, and shared state. */

export interface CommandContext {
  /** A line for humans on stdout. */
  out(line: string): void;
  /** A line of status on stderr (suppressed with --json unless --verbose). */
  info(line: string): void;
  /** Prints one JSON object as the last line of stdout. */
  json(value: unknown): void;
  /** Silences tfjs' console chatter (the "install tfjs-node" hint). */
  quietTf(): Promise<void>;
  /**
   * For commands that stop cleanly on Ctrl-C (train, sweep, reproduce): the signal the first
   * Ctrl-C aborts. Commands that never ask exit 130 at the first Ctrl-C (see ../interrupt.ts).
   */
  stopSignal(): AbortSignal;
  verbose: boolean;
}

export function createContext(verbose: boolean, stopSignal: () => AbortSignal = () => new AbortController().signal): CommandContext {
  return {
    stopSignal,
    out: (line) => process.stdout.write(line + '\n'),
    info: (line) => process.stderr.write(line + '\n'),
    json: (value) => process.stdout.write(JSON.stringify(value) + '\n'),
    quietTf: async () => {
      const tf = await import('@tensorflow/tfjs');
      tf.env().set('IS_TEST', false);
      tf.env().set('PROD', true);
    },
    verbose,
  };
}
