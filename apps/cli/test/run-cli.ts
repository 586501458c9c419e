/** Spawns the built `nnlab` bin (as a user would run it) and captures its output. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const BIN = resolve(__dirname, '../bin/nnlab.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as JSON (for --json). */
  json<T = Record<string, unknown>>(): T;
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 170000, cwd?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: timeoutMs, cwd });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    json: <T>() => JSON.parse(r.stdout.trim().split('\n').pop() ?? 'null') as T,
  };
}
