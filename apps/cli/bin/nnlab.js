#!/usr/bin/env node
// Thin bin: all logic lives in dist/cli.js (built from src/cli.ts). Exits explicitly so that
// backend worker threads or GPU handles never keep a finished command alive.
import('../dist/cli.js')
  .then((m) => m.run(process.argv))
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((err) => {
    process.stderr.write(`nnlab: error: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  });
