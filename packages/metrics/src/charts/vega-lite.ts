// The light Vega-Lite typing the chart builders return. The specs are plain JSON objects; nothing
// here depends on vega or vega-lite (a host renders them, e.g. with vega-embed).

/** The Vega-Lite JSON schema the specs are written against. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Default chart size in pixels (the plot area, excluding axes and legends). */
export const DEFAULT_CHART_WIDTH = 400;
export const DEFAULT_CHART_HEIGHT = 300;

/** A Vega-Lite (v5) specification: a plain, JSON-serialisable object. */
export type VegaLiteSpec = Record<string, unknown> & { $schema: string };
