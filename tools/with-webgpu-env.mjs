#!/usr/bin/env node
// Runs a command with the environment Dawn (the `webgpu` npm package) needs to find a Vulkan
// adapter on a machine without a GPU driver: Debian Chromium's Vulkan loader and SwiftShader ICD.
// The loader path must be set before the process starts, hence this wrapper (used by test scripts).
// Mirrors packages/core/src/node/webgpu-node-env.ts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const LIB = '/usr/lib/chromium';
const ICD = `${LIB}/vk_swiftshader_icd.json`;
const systemVulkan = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1'].some(existsSync);
const env = { ...process.env };
if (!systemVulkan && existsSync(ICD)) {
  const ld = env.LD_LIBRARY_PATH ?? '';
  if (!ld.split(':').includes(LIB)) env.LD_LIBRARY_PATH = ld ? `${LIB}:${ld}` : LIB;
  env.VK_ICD_FILENAMES ??= ICD;
}
const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: with-webgpu-env <command> [args…]');
  process.exit(2);
}
const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });
if (r.error) {
  console.error(`with-webgpu-env: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
