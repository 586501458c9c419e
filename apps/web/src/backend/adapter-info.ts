/**
 * Is a GPU backend running on a software rasteriser? Without a GPU, Chromium still offers WebGPU
 * and WebGL on SwiftShader (the CPU), where they are one to two orders of magnitude slower than
 * the wasm backend — so the automatic choice must not take them. WebGPU says so in its adapter
 * info (`isFallbackAdapter`, architecture "swiftshader"); WebGL in its unmasked renderer string.
 */

/** What is known about a GPU backend's device. */
export interface AdapterInfo {
  /** True for a software adapter (SwiftShader, llvmpipe, Microsoft Basic Render Driver…). */
  software: boolean;
  /** The adapter or renderer as the browser names it, for the page. */
  description: string;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/** True when a renderer / adapter description names a software rasteriser. */
export function isSoftwareRenderer(description: string): boolean {
  return SOFTWARE_RENDERERS.test(description);
}

interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

/** WebGPU's adapter (undefined when there is none). */
export async function webgpuAdapterInfo(): Promise<AdapterInfo | undefined> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  const adapter = await gpu?.requestAdapter().catch(() => null);
  if (!adapter) return undefined;
  const info = adapter.info ?? {};
  const description = [info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(' ') || 'unnamed adapter';
  const software = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true || isSoftwareRenderer(description);
  return { software, description };
}

function webglContext(): WebGLRenderingContext | WebGL2RenderingContext | null {
  if (typeof document !== 'undefined') {
    const c = document.createElement('canvas');
    return c.getContext('webgl2') ?? c.getContext('webgl');
  }
  if (typeof OffscreenCanvas === 'function') {
    const c = new OffscreenCanvas(1, 1);
    return c.getContext('webgl2') ?? c.getContext('webgl');
  }
  return null;
}

/** WebGL's renderer (undefined when no context can be made). */
export function webglAdapterInfo(): AdapterInfo | undefined {
  const gl = webglContext();
  if (!gl) return undefined;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const description = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? 'unknown renderer');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { software: isSoftwareRenderer(description), description };
}
