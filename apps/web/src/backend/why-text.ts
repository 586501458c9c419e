import type { BackendState } from './backend-controller';

/** One line: why the active backend runs (what the automatic choice skipped, or a manual choice). */
export function whyText(s: BackendState): string {
  if (!s.active) return s.phase === 'failed' ? 'no backend could start' : 'choosing a backend…';
  const name = s.active.name;
  if (name === s.autoChoice) {
    return s.autoSkipped.length ? s.autoSkipped.map((k) => `${k.name} skipped: ${k.reason}`).join(' · ') : `${name} is the fastest backend here`;
  }
  const before = s.statuses.findIndex((b) => b.name === name);
  const faster = s.statuses.slice(0, Math.max(0, before)).filter((b) => !b.usable);
  return [`${name} chosen by hand`, ...faster.map((b) => `${b.name} not available: ${b.detail ?? 'unavailable'}`)].join(' · ');
}
