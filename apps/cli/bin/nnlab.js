#!/usr/bin/env node
// Thin bin: all logic lives in dist/cli.js (built from src/cli.ts). Exits explicitly so that
// backend worker threads or GPU handles never keep a finished command alive.
//
// WebGPU in Node (Dawn) finds a software Vulkan adapter on GPU-less machines only when the
// dynamic loader path is set at process start, so for commands that may use webgpu the bin
// re-runs itself once with that environment (see @nnlab/core/node webgpuNodeEnv).
import { spawnSync } from 'node:child_process';

const argv = process.argv.slice(2);
const mayUseWebgpu = argv.includes('webgpu') || argv.includes('--backend=webgpu') || argv[0] === 'backends' || argv[0] === 'bench';

async function main() {
  if (mayUseWebgpu && !process.env.NNLAB_WEBGPU_ENV_SET) {
    const { webgpuNodeEnv } = await import('../dist/webgpu-env.js');
    const extra = webgpuNodeEnv();
    if (Object.keys(extra).length > 0) {
      // Ctrl-C reaches the child too (same process group): this process waits for it to stop
      // cleanly instead of dying first.
      process.on('SIGINT', () => {});
      const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
        stdio: 'inherit',
        env: { ...process.env, ...extra, NNLAB_WEBGPU_ENV_SET: '1' },
      });
      process.exit(r.status ?? (r.signal === 'SIGINT' ? 130 : 1));
    }
  }
  const m = await import('../dist/cli.js');
  await m.run(process.argv);
  process.exit(process.exitCode ?? 0);
}

main().catch((err) => {
  process.stderr.write(`nnlab: error: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
});
