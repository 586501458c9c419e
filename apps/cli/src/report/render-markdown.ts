/** Markdown rendering of a report document; figures are referenced as `figures/<name>.png`. */
import type { Block, ReportDocument } from './document';

function cell(v: string | number): string {
  return String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${b.text}`;
    case 'paragraph':
      return b.text;
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'formula':
      return '```\n' + b.text + '\n```';
    case 'table': {
      const align = b.header.map((_, i) => b.align?.[i] ?? (b.rows.every((r) => typeof r[i] === 'number') ? 'right' : 'left'));
      return [
        `| ${b.header.map(cell).join(' | ')} |`,
        `|${align.map((a) => (a === 'right' ? '---:' : '---')).join('|')}|`,
        ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
      ].join('\n');
    }
    case 'figures':
      return b.figures.map((f) => `![${f.caption}](figures/${f.name}.png)\n\n*${f.caption}*`).join('\n\n');
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  return [`# ${doc.title}`, ...doc.blocks.map(block)].join('\n\n') + '\n';
}
