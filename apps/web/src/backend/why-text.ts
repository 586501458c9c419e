import type { BackendState } from './backend-controller';

/** One line: why the active backend runs (the automatic choice's reasons, or a manual choice). */
export function whyText(s: BackendState): string {
  if (!s.active) return s.phase === 'failed' ? 'no backend could start' : 'choosing a backend…';
  const name = s.active.name;
  const chosen = s.assessments.find((a) => a.outcome === 'chosen');
  if (s.choice === 'auto' && chosen?.name === name) {
    const others = s.assessments.filter((a) => a.name !== name && !(a.name === 'cpu' && a.outcome === 'skipped'));
    return [`${name} chosen automatically: ${chosen.reason}`, ...others.map((a) => `${a.name}: ${a.reason}`)].join(' · ');
  }
  const auto = chosen && chosen.name !== name ? ` (auto would choose ${chosen.name}: ${chosen.reason})` : '';
  return `${name} chosen by hand${auto}`;
}
