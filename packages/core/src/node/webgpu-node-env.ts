/**
 * Dawn (the `webgpu` npm package) loads the Vulkan loader with dlopen. On a machine without a GPU
 * driver, Debian's Chromium ships a Vulkan loader and the SwiftShader software ICD; Dawn finds them
 * only when `LD_LIBRARY_PATH` and `VK_ICD_FILENAMES` point there at process start. This module says
 * which variables are needed and whether the current process has them.
 */
import { existsSync } from 'node:fs';

/** Where Debian's chromium package keeps its Vulkan loader and SwiftShader. */
export const CHROMIUM_LIB_DIR = '/usr/lib/chromium';
const ICD = `${CHROMIUM_LIB_DIR}/vk_swiftshader_icd.json`;

const SYSTEM_VULKAN = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1'];

/**
 * Environment variables a child process needs for Dawn to find a Vulkan adapter, or `{}` when the
 * system already has a Vulkan loader (a real GPU driver) or no SwiftShader fallback exists.
 */
export function webgpuNodeEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (SYSTEM_VULKAN.some((p) => existsSync(p))) return {};
  if (!existsSync(ICD)) return {};
  const out: Record<string, string> = {};
  const ld = env.LD_LIBRARY_PATH ?? '';
  if (!ld.split(':').includes(CHROMIUM_LIB_DIR)) out.LD_LIBRARY_PATH = ld ? `${CHROMIUM_LIB_DIR}:${ld}` : CHROMIUM_LIB_DIR;
  if (!env.VK_ICD_FILENAMES) out.VK_ICD_FILENAMES = ICD;
  return out;
}

/** A sentence explaining what is missing for WebGPU in this process, or undefined when nothing is. */
export function webgpuNodeEnvProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const needed = webgpuNodeEnv(env);
  const keys = Object.keys(needed);
  if (keys.length === 0) return undefined;
  return `Dawn needs a Vulkan loader: start the process with ${keys.map((k) => `${k}=${needed[k]}`).join(' ')}`;
}
