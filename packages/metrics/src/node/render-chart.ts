/**
 * Headless rendering of the Vega-Lite specs in Node, as vega-lite's own `bin/render` does:
 * compile to Vega, a `View` with renderer `none`, `toSVG()`. A seeded random source makes the SVG
 * repeatable. PNG goes through sharp (librsvg), flattened on white.
 */
import { createRng } from '@nnlab/core';
import sharp from 'sharp';
import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from '../charts/vega-lite';

// vega 6 is ESM-only with top-level await, which CommonJS cannot require(): load it lazily with
// a real import() so this module works from both builds. (The CommonJS build would turn a plain
// `import()` into `require()`, hence the indirection; jest's CommonJS runtime takes the fallback.)
type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
let engines: Promise<[Vega, VegaLite]> | undefined;
const nativeImport = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;
function loadVega(): Promise<[Vega, VegaLite]> {
  engines ??= Promise.all([nativeImport<Vega>('vega'), nativeImport<VegaLite>('vega-lite')]).catch(() => Promise.all([import('vega'), import('vega-lite')]));
  return engines;
}

/** Options of the renderers. */
export interface RenderChartOptions {
  /** Seed of vega's random source (layout jitter etc.). Default 1. */
  seed?: number;
  /** PNG pixel density multiplier. Default 2. */
  scale?: number;
  /** Background colour. Default white. */
  background?: string;
}

/** Renders a Vega-Lite spec to an SVG string. */
export async function renderChartSvg(spec: VegaLiteSpec, options: RenderChartOptions = {}): Promise<string> {
  const [vega, { compile }] = await loadVega();
  // setRandom (from vega-statistics) is exported at run time but missing from vega's typings.
  (vega as unknown as { setRandom(f: () => number): void }).setRandom(createRng(options.seed ?? 1).next);
  const withBackground = { background: options.background ?? 'white', ...spec } as unknown as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(withBackground).spec), { renderer: 'none' });
  try {
    return renumberIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * vega numbers gradient and clip-path ids with process-wide counters; renumber them from 0 in
 * order of appearance so the same chart always gives the same SVG.
 */
function renumberIds(svg: string): string {
  const map = new Map<string, string>();
  return svg.replace(/\b(gradient_|clip|pattern_)(\d+)\b/g, (whole, prefix: string) => {
    let id = map.get(whole);
    if (!id) {
      id = `${prefix}${[...map.keys()].filter((k) => k.startsWith(prefix)).length}`;
      map.set(whole, id);
    }
    return id;
  });
}

/** Converts an SVG string to PNG bytes. */
export async function svgToPng(svg: string, options: Pick<RenderChartOptions, 'scale' | 'background'> = {}): Promise<Uint8Array> {
  const density = 72 * (options.scale ?? 2);
  const buf = await sharp(Buffer.from(svg), { density })
    .flatten({ background: options.background ?? '#ffffff' })
    .png()
    .toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Renders a Vega-Lite spec to PNG bytes. */
export async function renderChartPng(spec: VegaLiteSpec, options: RenderChartOptions = {}): Promise<Uint8Array> {
  return svgToPng(await renderChartSvg(spec, options), options);
}
