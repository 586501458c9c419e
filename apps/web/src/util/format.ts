/** Number formatting for the page. */

/** A number with a fixed number of decimals, or '–' when missing or not finite. */
export function fmt(v: number | undefined, digits = 4): string {
  return v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

/** A byte count as MB with one decimal. */
export function formatMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A share as a percentage with one decimal. */
export function pct(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`;
}

/** Seconds with one decimal. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
