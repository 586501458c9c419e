// @nnlab/metrics/node — Node-only helpers: headless rendering of the chart specs to SVG and PNG
// (vega + vega-lite, PNG through sharp).

// Chart rendering
export { renderChartPng, renderChartSvg, svgToPng } from './node/render-chart';
export type { RenderChartOptions } from './node/render-chart';
