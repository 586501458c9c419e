/**
 * The `nnlab` command. The bin (`bin/nnlab.js`) calls `run(process.argv)`; each command lives in
 * `commands/` and calls library functions. Errors map to exit codes in `exit-codes.ts`; stack
 * traces only with `--verbose`.
 */
import { Command, CommanderError } from 'commander';
import { registerBackends } from './commands/backends';
import { registerBench } from './commands/bench';
import { registerExplain } from './commands/explain';
import { registerHog } from './commands/hog';
import { registerPredict } from './commands/predict';
import { registerReproduce } from './commands/reproduce';
import { registerRuns } from './commands/runs';
import { registerRunsImport } from './commands/runs-import';
import { createContext } from './commands/context';
import { registerSummary } from './commands/summary';
import { registerSweep } from './commands/sweep';
import { registerTrain } from './commands/train';
import { EXIT, exitCodeFor } from './exit-codes';
import { COMPUTING_COMMANDS, useNativeEngine } from './native-engine';
import { installInterrupt, type Interrupt } from './interrupt';
import { cliVersion } from './versions';

/** Builds the program (exported for tests and docs). */
export function buildProgram(verbose: boolean, interrupt?: Interrupt): Command {
  const ctx = createContext(verbose, interrupt?.stopSignal);
  const program = new Command();
  program
    .name('nnlab')
    .description('Train, evaluate and explain the classic neural-network course experiments (MNIST MLP/HOG/CNN, pneumonia CNN).')
    .version(cliVersion(), '-V, --version')
    .option('--verbose', 'show stack traces and extra status lines')
    .showHelpAfterError('(run with --help for usage)')
    // commander's own errors (bad flag values, unknown options) read like every other: `nnlab: error: …`
    .configureOutput({ outputError: (text, write) => write(`nnlab: ${text}`) })
    .configureHelp({ sortSubcommands: false })
    .exitOverride()
    // The native engine is registered before any command that computes (one notice when missing).
    .hook('preAction', (_root, action) => {
      let top = action;
      while (top.parent && top.parent !== program) top = top.parent;
      if (COMPUTING_COMMANDS.includes(top.name())) useNativeEngine();
    });
  registerSummary(program, ctx);
  registerTrain(program, ctx);
  registerHog(program, ctx);
  registerPredict(program, ctx);
  registerExplain(program, ctx);
  registerSweep(program, ctx);
  registerRuns(program, ctx);
  registerRunsImport(program, ctx);
  registerReproduce(program, ctx);
  registerBackends(program, ctx);
  registerBench(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI and exits the process with a meaningful code. */
export async function run(argv: string[]): Promise<void> {
  const verbose = argv.includes('--verbose');
  const interrupt = installInterrupt();
  const program = buildProgram(verbose, interrupt);
  try {
    await program.parseAsync(argv);
    process.exitCode = EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; everything else commander rejects is a usage error.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    const code = exitCodeFor(err);
    const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
    if (code === EXIT.interrupted) process.stderr.write(`nnlab: ${message}\n`);
    else process.stderr.write(`nnlab: error: ${message}\n`);
    if (verbose && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    process.exitCode = code;
  }
}
